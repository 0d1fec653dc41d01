package io.loramanager.recipe.analysis;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The stand-in until the recipe store provides {@link MatchingRecipes}: no recipe matches. */
@DefaultBean
@ApplicationScoped
public class NoMatchingRecipes implements MatchingRecipes {

  @Override
  public List<String> withFingerprint(String fingerprint) {
    return List.of();
  }
}

package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.settings.LibraryRegistry;
import io.loramanager.settings.SettingsEditor;
import io.loramanager.settings.SettingsView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Settings and libraries (anchor-api §3.8 rows 1–4). */
@Path("/api/lm/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

  @Inject SettingsView view;
  @Inject SettingsEditor editor;
  @Inject LibraryRegistry registry;

  @GET
  public Map<String, Object> settings() {
    return Responses.success("settings", view.settings(), "messages", view.messages());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> update(JsonNode body) {
    editor.apply(body);
    return Responses.success();
  }

  @GET
  @Path("libraries")
  public Map<String, Object> libraries() {
    LibraryRegistry.Libraries libraries = registry.libraries();
    return Responses.success(
        "libraries", libraries.libraries(), "active_library", libraries.active());
  }

  @POST
  @Path("libraries/activate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> activate(JsonNode body) {
    LibraryRegistry.Libraries libraries = registry.activate(libraryName(body));
    return Responses.success(
        "active_library", libraries.active(), "libraries", libraries.libraries());
  }

  /** {@code library} or, as the reference also accepts, {@code library_name}. */
  private static String libraryName(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    for (String field : new String[] {"library", "library_name"}) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull()) {
        if (!value.isTextual()) {
          throw LmException.badInput(field + " must be a string");
        }
        return value.asText().trim();
      }
    }
    return null;
  }
}

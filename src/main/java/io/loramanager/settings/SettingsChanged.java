package io.loramanager.settings;

import java.util.Objects;

/**
 * CDI event fired (synchronously, in write order) after a change to {@code settings.json} was
 * written and published. Observers run before the request that made the change answers, so keep
 * them quick or let them hand work elsewhere.
 *
 * @param before the settings until now
 * @param after the settings now live ({@link SettingsStore#current()})
 */
public record SettingsChanged(SettingsSnapshot before, SettingsSnapshot after) {

  /** True when the value of {@code key} differs (added, removed or changed). */
  public boolean changed(String key) {
    return !Objects.equals(before.node(key), after.node(key));
  }
}

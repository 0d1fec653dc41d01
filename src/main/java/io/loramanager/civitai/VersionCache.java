package io.loramanager.civitai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last model versions looked up by id (successful answers only), least recently used out. */
final class VersionCache {

  private final Map<Long, ObjectNode> versions;

  VersionCache(int capacity) {
    int bound = Math.max(0, capacity);
    this.versions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, ObjectNode> eldest) {
            return size() > bound;
          }
        };
  }

  synchronized ObjectNode get(long id) {
    ObjectNode version = versions.get(id);
    return version == null ? null : version.deepCopy();
  }

  synchronized void put(long id, ObjectNode version) {
    versions.put(id, version.deepCopy());
  }

  synchronized int size() {
    return versions.size();
  }
}

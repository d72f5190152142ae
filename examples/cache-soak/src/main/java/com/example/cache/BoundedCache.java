package com.example.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/** A least-recently-used cache that never holds more than {@code capacity} entries. Thread-safe (synchronized). */
public final class BoundedCache<K, V> implements Cache<K, V> {
    private final Map<K, V> map;

    public BoundedCache(int capacity) {
        this.map = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized void put(K key, V value) {
        map.put(key, value);
    }

    @Override
    public synchronized V get(K key) {
        return map.get(key);
    }

    @Override
    public synchronized int size() {
        return map.size();
    }
}

package com.example.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same cache with the classic bug: it was meant to be bounded, but nothing ever evicts, so
 * every new key stays reachable for ever. Thread-safe.
 */
public final class LeakyCache<K, V> implements Cache<K, V> {
    private final Map<K, V> map = new ConcurrentHashMap<>();

    @Override
    public void put(K key, V value) {
        map.put(key, value); // BUG: no eviction
    }

    @Override
    public V get(K key) {
        return map.get(key);
    }

    @Override
    public int size() {
        return map.size();
    }
}

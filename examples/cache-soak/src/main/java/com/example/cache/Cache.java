package com.example.cache;

/** A minimal cache, the code under test of the example. Implementations are thread-safe. */
public interface Cache<K, V> {
    /** Stores a value. */
    void put(K key, V value);

    /** The value stored for the key, or null. */
    V get(K key);

    /** Number of entries held. */
    int size();
}

package dev.soak.scenario;

/** The four Engram operations and the {@code [operations]} weight key of each. */
public enum EngramOperation {
    STORE("store", "store_weight"),
    RECALL("recall", "recall_weight"),
    EMBEDDING_SEARCH("embedding_search", "embedding_search_weight"),
    PATTERN_COMPLETION("pattern_completion", "pattern_completion_weight");

    private final String key;
    private final String weightKey;

    EngramOperation(String key, String weightKey) {
        this.key = key;
        this.weightKey = weightKey;
    }

    /** Operation name used in metrics and reports, e.g. {@code embedding_search}. */
    public String key() { return key; }

    /** TOML key of its weight, e.g. {@code embedding_search_weight}. */
    public String weightKey() { return weightKey; }
}

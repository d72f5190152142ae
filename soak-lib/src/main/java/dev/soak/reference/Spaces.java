package dev.soak.reference;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The memory spaces of the server, each a bounded {@link SpaceStore}; at most {@code maxSpaces} of
 * them, so that a client inventing space names cannot grow the server without bound.
 *
 * <p>Embedding dimension: fixed by the options, or (option 0) adopted from the first embedding
 * stored in any space and fixed from then on.
 *
 * <p>Thread-safe.
 */
final class Spaces {
    static final String DEFAULT_SPACE = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final ReferenceServerOptions options;
    private final AtomicInteger dim;
    private final Map<String, SpaceStore> spaces = new ConcurrentHashMap<>();

    Spaces(ReferenceServerOptions options) {
        this.options = options;
        this.dim = new AtomicInteger(options.embeddingDim());
    }

    /** The embedding dimension, or 0 while it is still to be adopted from the first store. */
    int dim() {
        return dim.get();
    }

    /** Checks {@code length} against the dimension (adopting it when still open). */
    void checkDim(int length, String what) {
        if (length == 0) {
            throw ApiError.badRequest("invalid_embedding_dimension", what + " is empty; it needs "
                    + (dim() > 0 ? dim() : "at least one") + " values");
        }
        int d = dim.get();
        if (d == 0 && dim.compareAndSet(0, length)) {
            return;
        }
        d = dim.get();
        if (length != d) {
            throw ApiError.badRequest("invalid_embedding_dimension", what + " has " + length
                    + " dimensions; this server expects exactly " + d + " (its --embedding-dim)");
        }
    }

    /** The space, created on first use; {@code create=false} returns null for an unknown space. */
    SpaceStore get(String name, boolean create) {
        if (!NAME.matcher(name).matches()) {
            throw ApiError.badRequest("invalid_memory_space", "memory space '" + name
                    + "' is not a valid name; use 1 to 64 letters, digits, '_', '-', '.' or ':'");
        }
        SpaceStore s = spaces.get(name);
        if (s != null || !create) {
            return s;
        }
        if (dim() == 0) {
            throw new IllegalStateException("embedding dimension not yet known");
        }
        synchronized (spaces) {
            s = spaces.get(name);
            if (s == null) {
                if (spaces.size() >= options.maxSpaces()) {
                    throw ApiError.badRequest("too_many_memory_spaces", "memory space '" + name
                            + "' would be space number " + (spaces.size() + 1) + "; this server keeps at most "
                            + options.maxSpaces() + " (its --max-spaces); reuse a space or raise the limit");
                }
                s = new SpaceStore(dim(), options.capacityPerSpace(), options.recallScanLimit());
                spaces.put(name, s);
            }
            return s;
        }
    }

    /** Space name → memories held, for metrics. */
    Map<String, Integer> sizes() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        spaces.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }
}

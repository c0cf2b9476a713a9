package io.huitong.kernel;

import java.util.List;

public record Page<T>(List<T> data, boolean hasMore) {
}

package dev.runid.spring.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of runs, newest first.
 *
 * @param runs the runs of the page
 * @param next the cursor of the next page, {@code null} when this is the last one; opaque
 * to callers
 */
public record RunPage(List<RunSummary> runs, @Nullable String next) {

}

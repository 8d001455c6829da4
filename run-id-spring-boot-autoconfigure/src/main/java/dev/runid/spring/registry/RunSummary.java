package dev.runid.spring.registry;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One run in a list of runs.
 *
 * @param id the run ID
 * @param parentId the parent run's ID, or {@code null}
 * @param status the run's status, as in {@link RunRecord#status()}
 * @param startedAt the start of the earliest segment
 * @param endedAt the end of the latest segment, {@code null} while a segment runs
 * @param services the services the run went through, in the order of their first segment
 * @param name the name of the run's first segment
 * @param user the run's {@code user} attribute, or {@code null}
 */
public record RunSummary(String id, @Nullable String parentId, RunStatus status, Instant startedAt,
		@Nullable Instant endedAt, List<String> services, String name, @Nullable String user) {

}

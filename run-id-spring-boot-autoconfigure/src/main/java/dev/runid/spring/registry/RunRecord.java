package dev.runid.spring.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * Everything the registry knows of one run, from every service it went through.
 *
 * @param id the run ID
 * @param parentId the parent run's ID, {@code null} for a run without parent
 * @param status {@code RUNNING} while a segment runs, {@code FAILED} if any segment
 * failed, else {@code SUCCEEDED}
 * @param startedAt the start of the earliest segment
 * @param endedAt the end of the latest segment, {@code null} while a segment runs
 * @param segments the segments, earliest first
 * @param attributes the attributes set on the run ({@code RunContext.setAttribute})
 * @param usage the token usage of the run's LLM calls, {@code null} when none was
 * recorded
 * @param children the runs whose parent this run is, earliest first
 */
public record RunRecord(String id, @Nullable String parentId, RunStatus status, Instant startedAt,
		@Nullable Instant endedAt, List<RunSegment> segments, Map<String, String> attributes, @Nullable RunUsage usage,
		List<RunChild> children) {

	/**
	 * A run whose parent this run is.
	 *
	 * @param id the child run's ID
	 * @param status the child run's status
	 */
	public record RunChild(String id, RunStatus status) {

	}

}

package dev.runid.spring.registry;

import java.util.Map;

import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * What one process writes to a {@link RunStore} about one segment of a run: the segment
 * as it is now, with what the run gained in it. A segment is written when it starts and
 * again when it ends, under the same {@link #segmentId()}, so a store replaces the
 * earlier write (and a write retried after a failure changes nothing).
 *
 * @param runId the run ID
 * @param parentId the parent run's ID, or {@code null}
 * @param segmentId identifies the segment among all segments of all runs and instances
 * @param segment the segment
 * @param attributes the attributes set on the run during this segment
 * @param usage the token usage recorded during this segment, {@link RunUsage#NONE} when
 * none
 */
public record RunSegmentRecord(String runId, @Nullable String parentId, String segmentId, RunSegment segment,
		Map<String, String> attributes, RunUsage usage) {

}

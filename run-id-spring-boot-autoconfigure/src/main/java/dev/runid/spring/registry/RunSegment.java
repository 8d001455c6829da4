package dev.runid.spring.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The part of a run that one service instance did: from the run's first entry in that
 * process to its last exit.
 *
 * @param service the service name ({@code spring.application.name}, else
 * {@code application})
 * @param instance the instance of the service that recorded the segment
 * @param kind what started the segment: {@code http}, {@code scheduled}, {@code method}
 * ({@code @NewRun}), {@code manual} (the core API), or an integration's kind such as
 * {@code message} or {@code mcp}
 * @param name what ran: {@code GET /orders/{id}} (the route template, never the raw
 * path), {@code OrderJob.nightly}, a destination or a tool name
 * @param status the segment's status
 * @param startedAt when the segment started
 * @param endedAt when the segment ended, {@code null} while running
 * @param httpStatus the HTTP status answered, for {@code http} segments that ended
 * @param error why the segment failed, when it failed with an exception
 */
public record RunSegment(String service, String instance, String kind, String name, RunStatus status, Instant startedAt,
		@Nullable Instant endedAt, @Nullable Integer httpStatus, @Nullable RunError error) {

}

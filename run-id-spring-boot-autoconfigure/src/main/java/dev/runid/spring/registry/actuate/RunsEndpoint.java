package dev.runid.spring.registry.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runid.spring.registry.RunError;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunSummary;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The actuator endpoint {@code runs}: pages of recorded runs, newest first
 * ({@code GET /actuator/runs?status=&limit=&cursor=}), and the record of one run
 * ({@code GET /actuator/runs/{id}}, 404 when the registry does not know it).
 * <p>
 * Times are ISO-8601 instants and absent values are written as {@code null}, whatever the
 * JSON mapper's inclusion settings (actuator's own mapper leaves nulls out). A
 * {@code limit} outside 1 to {@value RunQuery#MAX_LIMIT} and a cursor that the registry
 * did not hand out are answered with 400.
 */
@Endpoint(id = "runs")
public final class RunsEndpoint {

	private final RunRegistry registry;

	/**
	 * Create the endpoint.
	 * @param registry the registry it reads
	 */
	public RunsEndpoint(RunRegistry registry) {
		this.registry = registry;
	}

	/**
	 * A page of runs, newest first.
	 * @param status only runs with this status
	 * @param limit the most runs of the page, {@value RunQuery#DEFAULT_LIMIT} when absent
	 * @param cursor the {@code next} of the previous page
	 * @return the page
	 */
	@ReadOperation
	public RunsDescriptor runs(@Nullable RunStatus status, @Nullable Integer limit, @Nullable String cursor) {
		int size = (limit != null) ? limit : RunQuery.DEFAULT_LIMIT;
		if (size < 1 || size > RunQuery.MAX_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be 1 to " + RunQuery.MAX_LIMIT + ", was " + size,
					"Invalid limit");
		}
		RunPage page;
		try {
			page = this.registry.query(new RunQuery(status, null, size, cursor));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid query");
		}
		List<RunSummaryDescriptor> runs = new ArrayList<>(page.runs().size());
		for (RunSummary run : page.runs()) {
			runs.add(new RunSummaryDescriptor(run.id(), run.parentId(), run.status(), instant(run.startedAt()),
					instant(run.endedAt()), run.services(), run.name(), run.user()));
		}
		return new RunsDescriptor(runs, page.next());
	}

	/**
	 * The record of one run.
	 * @param id the run ID
	 * @return the record, or 404
	 */
	@ReadOperation
	public WebEndpointResponse<RunDescriptor> run(@Selector String id) {
		return this.registry.find(id)
			.map((run) -> new WebEndpointResponse<>(describe(run)))
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	private static RunDescriptor describe(RunRecord run) {
		List<SegmentDescriptor> segments = new ArrayList<>(run.segments().size());
		for (RunSegment segment : run.segments()) {
			segments.add(new SegmentDescriptor(segment.service(), segment.instance(), segment.kind(), segment.name(),
					segment.status(), instant(segment.startedAt()), instant(segment.endedAt()), segment.httpStatus(),
					segment.error()));
		}
		return new RunDescriptor(run.id(), run.parentId(), run.status(), instant(run.startedAt()),
				instant(run.endedAt()), segments, run.attributes(), run.usage(), run.children());
	}

	private static @Nullable String instant(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/**
	 * A page of runs.
	 *
	 * @param runs the runs, newest first
	 * @param next the cursor of the next page, {@code null} on the last page
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RunsDescriptor(List<RunSummaryDescriptor> runs, @Nullable String next) {

	}

	/**
	 * One run of a page.
	 *
	 * @param id the run ID
	 * @param parentId the parent's ID
	 * @param status the run's status
	 * @param startedAt when its first segment started
	 * @param endedAt when its last segment ended
	 * @param services the services it went through
	 * @param name the name of its first segment
	 * @param user its {@code user} attribute
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RunSummaryDescriptor(String id, @Nullable String parentId, RunStatus status, String startedAt,
			@Nullable String endedAt, List<String> services, String name, @Nullable String user) {

	}

	/**
	 * The record of one run.
	 *
	 * @param id the run ID
	 * @param parentId the parent's ID
	 * @param status the run's status
	 * @param startedAt when its first segment started
	 * @param endedAt when its last segment ended
	 * @param segments its segments, earliest first
	 * @param attributes its attributes
	 * @param usage its token usage
	 * @param children its child runs
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record RunDescriptor(String id, @Nullable String parentId, RunStatus status, String startedAt,
			@Nullable String endedAt, List<SegmentDescriptor> segments, Map<String, String> attributes,
			@Nullable RunUsage usage, List<RunChild> children) {

	}

	/**
	 * One segment of a run.
	 *
	 * @param service the service
	 * @param instance the instance
	 * @param kind what started it
	 * @param name what ran
	 * @param status its status
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param httpStatus the HTTP status answered
	 * @param error why it failed
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SegmentDescriptor(String service, String instance, String kind, String name, RunStatus status,
			String startedAt, @Nullable String endedAt, @Nullable Integer httpStatus, @Nullable RunError error) {

	}

}

package dev.runid.spring.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRecord.RunChild;
import dev.runid.spring.registry.RunSegment;
import dev.runid.spring.registry.RunSegmentRecord;
import dev.runid.spring.registry.RunStatus;
import dev.runid.spring.registry.RunStore;
import dev.runid.spring.registry.RunSummary;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * A small, unbounded store for the dashboard's tests: it folds the saved segments into
 * records as the registry's contract describes. Can be told to fail, as a database that
 * is down would.
 */
final class TestRunStore implements RunStore {

	private final Map<String, RunSegmentRecord> segments = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

	@Override
	public void save(RunSegmentRecord record) {
		this.segments.put(record.segmentId(), record);
	}

	void clear() {
		this.segments.clear();
	}

	void failWith(@Nullable RuntimeException failure) {
		this.failure.set(failure);
	}

	@Override
	public Optional<RunRecord> find(String id) {
		check();
		List<RunSegmentRecord> parts = segmentsOf(id);
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		RunUsage usage = RunUsage.NONE;
		for (RunSegmentRecord part : parts) {
			attributes.putAll(part.attributes());
			usage = usage.plus(part.usage());
		}
		List<RunChild> children = runIds().stream()
			.map(this::segmentsOf)
			.filter((child) -> id.equals(child.get(0).parentId()))
			.sorted(Comparator.comparing((List<RunSegmentRecord> child) -> child.get(0).segment().startedAt()))
			.map((child) -> new RunChild(child.get(0).runId(), status(child)))
			.toList();
		return Optional.of(new RunRecord(id, parts.get(0).parentId(), status(parts), startedAt(parts), endedAt(parts),
				parts.stream().map(RunSegmentRecord::segment).toList(), attributes,
				usage.equals(RunUsage.NONE) ? null : usage, children));
	}

	@Override
	public RunPage query(RunQuery query) {
		check();
		int offset = 0;
		if (query.cursor() != null) {
			if (!query.cursor().startsWith("o:")) {
				throw new IllegalArgumentException("not a cursor of this store");
			}
			offset = Integer.parseInt(query.cursor().substring(2));
		}
		List<RunSummary> all = runIds().stream()
			.filter((id) -> query.idPrefix() == null || id.startsWith(query.idPrefix()))
			.map(this::summary)
			.filter((run) -> query.status() == null || run.status() == query.status())
			.sorted(Comparator.comparing(RunSummary::startedAt).thenComparing(RunSummary::id).reversed())
			.toList();
		int end = Math.min(all.size(), offset + query.limit());
		List<RunSummary> page = (offset < all.size()) ? all.subList(offset, end) : List.of();
		return new RunPage(page, (end < all.size()) ? "o:" + end : null);
	}

	private void check() {
		RuntimeException failure = this.failure.get();
		if (failure != null) {
			throw failure;
		}
	}

	private RunSummary summary(String id) {
		List<RunSegmentRecord> parts = segmentsOf(id);
		LinkedHashSet<String> services = new LinkedHashSet<>();
		String user = null;
		for (RunSegmentRecord part : parts) {
			services.add(part.segment().service());
			user = (user != null) ? user : part.attributes().get("user");
		}
		return new RunSummary(id, parts.get(0).parentId(), status(parts), startedAt(parts), endedAt(parts),
				new ArrayList<>(services), parts.get(0).segment().name(), user);
	}

	private List<String> runIds() {
		return this.segments.values().stream().map(RunSegmentRecord::runId).distinct().toList();
	}

	private List<RunSegmentRecord> segmentsOf(String id) {
		return this.segments.values()
			.stream()
			.filter((part) -> part.runId().equals(id))
			.sorted(Comparator.comparing((RunSegmentRecord part) -> part.segment().startedAt()))
			.toList();
	}

	private static RunStatus status(List<RunSegmentRecord> parts) {
		List<RunStatus> statuses = parts.stream().map((part) -> part.segment().status()).toList();
		if (statuses.contains(RunStatus.RUNNING)) {
			return RunStatus.RUNNING;
		}
		return statuses.contains(RunStatus.FAILED) ? RunStatus.FAILED : RunStatus.SUCCEEDED;
	}

	private static Instant startedAt(List<RunSegmentRecord> parts) {
		return parts.stream().map((part) -> part.segment().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
	}

	private static @Nullable Instant endedAt(List<RunSegmentRecord> parts) {
		if (parts.stream().anyMatch((part) -> part.segment().endedAt() == null)) {
			return null;
		}
		return parts.stream().map((part) -> part.segment().endedAt()).max(Comparator.naturalOrder()).orElseThrow();
	}

	/**
	 * Replaces the registry's memory store with a {@link TestRunStore}; run with
	 * {@code run-id.registry.enabled=false}, so that the test's own requests are not
	 * recorded among the fixed runs.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Configuration {

		@org.springframework.context.annotation.Bean
		TestRunStore testRunStore() {
			return new TestRunStore();
		}

	}

	/**
	 * Builds a segment record for a test.
	 */
	static final class Segment {

		private final String runId;

		private @Nullable String parentId;

		private String service = "order-service";

		private String instance = "order-service-1";

		private String kind = "http";

		private String name = "GET /orders/{id}";

		private RunStatus status = RunStatus.SUCCEEDED;

		private Instant startedAt = Instant.parse("2026-12-01T03:00:00Z");

		private @Nullable Instant endedAt = Instant.parse("2026-12-01T03:00:00.250Z");

		private @Nullable Integer httpStatus = 200;

		private dev.runid.spring.registry.@Nullable RunError error;

		private final Map<String, String> attributes = new LinkedHashMap<>();

		private RunUsage usage = RunUsage.NONE;

		private Segment(String runId) {
			this.runId = runId;
		}

		static Segment of(String runId) {
			return new Segment(runId);
		}

		Segment parent(String parentId) {
			this.parentId = parentId;
			return this;
		}

		Segment service(String service) {
			this.service = service;
			this.instance = service + "-1";
			return this;
		}

		Segment kind(String kind, String name) {
			this.kind = kind;
			this.name = name;
			this.httpStatus = kind.equals("http") ? this.httpStatus : null;
			return this;
		}

		Segment at(String startedAt, long millis) {
			this.startedAt = Instant.parse(startedAt);
			this.endedAt = this.startedAt.plusMillis(millis);
			return this;
		}

		Segment running() {
			this.status = RunStatus.RUNNING;
			this.endedAt = null;
			this.httpStatus = null;
			return this;
		}

		Segment failed(@Nullable Integer httpStatus, String type, String message) {
			this.status = RunStatus.FAILED;
			this.httpStatus = httpStatus;
			this.error = new dev.runid.spring.registry.RunError(type, message);
			return this;
		}

		Segment attribute(String key, String value) {
			this.attributes.put(key, value);
			return this;
		}

		Segment usage(long calls, long input, long output) {
			this.usage = new RunUsage(calls, input, output);
			return this;
		}

		RunSegmentRecord build() {
			RunSegment segment = new RunSegment(this.service, this.instance, this.kind, this.name, this.status,
					this.startedAt, this.endedAt, this.httpStatus, this.error);
			return new RunSegmentRecord(this.runId, this.parentId,
					this.runId + "/" + this.service + "/" + this.startedAt, segment,
					new LinkedHashMap<>(this.attributes), this.usage);
		}

		void saveTo(RunStore store) {
			store.save(build());
		}

	}

}

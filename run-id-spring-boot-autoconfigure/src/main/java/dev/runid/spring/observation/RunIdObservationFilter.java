package dev.runid.spring.observation;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * {@link ObservationFilter} that gives every observation of a run the high-cardinality
 * key values {@value #RUN_ID_KEY} and, when the run has a parent,
 * {@value #PARENT_RUN_ID_KEY}. Tracing handlers turn them into span tags; meter handlers
 * ignore high-cardinality key values, so no meter gets a tag per run.
 * <p>
 * A filter runs when an observation stops, which may be on a thread where the run is not
 * current: a WebFlux server observation stops outside the run-id {@code WebFilter}, a
 * {@code WebClient} exchange on an event-loop thread. So the run is looked for in this
 * order: the request's run (request attribute of the run-id servlet filter, exchange
 * attribute of the run-id {@code WebFilter}) for HTTP server observations; the run header
 * of the request (what the downstream service received) for {@code RestClient},
 * {@code RestTemplate} and {@code WebClient} observations, where a {@code WebClient}
 * observation only sees a header set by the caller, not one added by a filter; the run
 * that was current when the observation started (see {@link RunIdObservationHandler});
 * the current run. An observation that already has the key value {@value #RUN_ID_KEY} is
 * left as it is.
 * <p>
 * Thread-safe. Boot's observation auto-configuration applies {@code ObservationFilter}
 * beans to the {@code ObservationRegistry}; elsewhere add it with
 * {@code registry.observationConfig().observationFilter(filter)}.
 */
public final class RunIdObservationFilter implements ObservationFilter {

	/**
	 * The key of the run ID.
	 */
	public static final String RUN_ID_KEY = "run.id";

	/**
	 * The key of the parent run ID.
	 */
	public static final String PARENT_RUN_ID_KEY = "run.parent.id";

	private final ObservationRuns runs;

	/**
	 * Create a filter.
	 * @param headerName the header that carries the run ID on outbound requests
	 * @param parentHeaderName the header that carries the parent run ID
	 */
	public RunIdObservationFilter(String headerName, String parentHeaderName) {
		this.runs = new ObservationRuns(headerName, parentHeaderName);
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context.getHighCardinalityKeyValue(RUN_ID_KEY) != null
				|| context.getLowCardinalityKeyValue(RUN_ID_KEY) != null) {
			return context;
		}
		RunId runId = this.runs.runOf(context);
		if (runId == null) {
			return context;
		}
		context.addHighCardinalityKeyValue(KeyValue.of(RUN_ID_KEY, runId.value()));
		runId.parent()
			.ifPresent((parent) -> context.addHighCardinalityKeyValue(KeyValue.of(PARENT_RUN_ID_KEY, parent.value())));
		return context;
	}

	@Override
	public String toString() {
		return "RunIdObservationFilter[" + this.runs + "]";
	}

}

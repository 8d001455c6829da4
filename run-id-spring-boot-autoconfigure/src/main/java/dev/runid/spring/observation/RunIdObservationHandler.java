package dev.runid.spring.observation;

import dev.runid.RunContext;
import dev.runid.RunId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * {@link ObservationHandler} that remembers, in the context of every observation that
 * starts while a run is current, the run under the key {@code RunId.class}, for the
 * {@link RunIdObservationFilter} to find when the observation stops on a thread without
 * the run, as a {@code WebClient} exchange does on an event-loop thread. A run already in
 * the context (put there by your code, for example) is kept.
 * <p>
 * Thread-safe. Boot's observation auto-configuration adds {@code ObservationHandler}
 * beans to the {@code ObservationRegistry}; elsewhere add it with
 * {@code registry.observationConfig().observationHandler(handler)}.
 */
public final class RunIdObservationHandler implements ObservationHandler<Observation.Context> {

	@Override
	public void onStart(Observation.Context context) {
		if (context.get(RunId.class) == null) {
			RunContext.current().ifPresent((runId) -> context.put(RunId.class, runId));
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

}

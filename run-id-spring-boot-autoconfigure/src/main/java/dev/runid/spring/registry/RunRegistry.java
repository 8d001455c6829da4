package dev.runid.spring.registry;

import java.util.Optional;

/**
 * Looks up recorded runs: by run ID, or as pages of runs, newest first. With a shared
 * store (JDBC) it sees the runs of every instance that records into that store.
 * <p>
 * Implementations are thread-safe. A lookup never fails because a run is unknown; it
 * returns empty.
 */
public interface RunRegistry {

	/**
	 * The record of a run.
	 * @param id the run ID
	 * @return the run, or empty if the registry does not know it
	 */
	Optional<RunRecord> find(String id);

	/**
	 * A page of runs, newest (latest {@code startedAt}) first.
	 * @param query what to find
	 * @return the page
	 */
	RunPage query(RunQuery query);

}

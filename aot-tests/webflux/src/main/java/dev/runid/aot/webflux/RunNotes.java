package dev.runid.aot.webflux;

import java.util.List;

/**
 * Notes of one run, injected through an interface-based run-scoped proxy.
 */
public interface RunNotes {

	void add(String note);

	List<String> all();

}

package dev.runid.spring.observation;

import java.util.List;

/**
 * The spans a tracer finished in a test, in memory.
 */
interface FinishedSpans {

	List<FinishedSpan> spans();

	void clear();

}

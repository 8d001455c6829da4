package dev.runid.spring.dashboard;

import dev.runid.spring.dashboard.TestRunStore.Segment;
import dev.runid.spring.registry.RunStore;

/**
 * The runs the dashboard's tests show: an agent run that crossed three services, called a
 * tool and had a sub-agent (with a sub-agent of its own) and LLM usage; a failed run; a
 * running run; and a run whose attribute and error message hold markup.
 */
final class DashboardRuns {

	static final String AGENT = "agent-7f3a";

	static final String SUB_AGENT = "agent-7f3a-summariser";

	static final String SUB_SUB_AGENT = "agent-7f3a-summariser-check";

	static final String FAILED = "order-9c1d";

	static final String RUNNING = "report-5e2b";

	static final String MARKUP = "markup-0001";

	/**
	 * An attribute value that runs script if a page writes it as HTML.
	 */
	static final String SCRIPT_VALUE = "<script>window.runIdInjected = 'script';</script>"
			+ "<img src=x onerror=\"window.runIdInjected = 'img'\">";

	private DashboardRuns() {
	}

	/**
	 * Save the runs, newest first: markup, running, failed, sub-sub-agent, sub-agent,
	 * agent.
	 * @param store the store
	 */
	static void saveTo(RunStore store) {
		Segment.of(AGENT)
			.service("gateway")
			.kind("http", "POST /agent/runs")
			.at("2026-12-01T03:00:00.000Z", 1840)
			.attribute("user", "alice")
			.saveTo(store);
		Segment.of(AGENT)
			.service("agent-service")
			.kind("http", "POST /agent/runs")
			.at("2026-12-01T03:00:00.040Z", 1780)
			.attribute("task", "Weather in Paris, then a summary")
			.usage(3, 1234, 210)
			.saveTo(store);
		Segment.of(AGENT)
			.service("tool-service")
			.kind("http", "GET /tools/weather")
			.at("2026-12-01T03:00:00.610Z", 320)
			.saveTo(store);
		Segment.of(SUB_AGENT)
			.parent(AGENT)
			.service("agent-service")
			.kind("method", "Summariser.summarise")
			.at("2026-12-01T03:00:01.000Z", 760)
			.usage(1, 400, 90)
			.saveTo(store);
		Segment.of(SUB_SUB_AGENT)
			.parent(SUB_AGENT)
			.service("agent-service")
			.kind("method", "FactChecker.check")
			.at("2026-12-01T03:00:01.300Z", 200)
			.saveTo(store);
		Segment.of(FAILED)
			.service("order-service")
			.kind("http", "POST /orders")
			.at("2026-12-01T03:05:00Z", 2010)
			.attribute("user", "bob")
			.failed(500, "java.lang.IllegalStateException", "Inventory service timed out after 2s")
			.saveTo(store);
		Segment.of(RUNNING)
			.service("report-service")
			.kind("scheduled", "ReportJob.nightly")
			.at("2026-12-01T03:10:00Z", 0)
			.running()
			.saveTo(store);
		Segment.of(MARKUP)
			.service("order-service")
			.kind("http", "GET /orders/{id}")
			.at("2026-12-01T03:15:00Z", 12)
			.attribute("note", SCRIPT_VALUE)
			.failed(500, "java.lang.IllegalArgumentException", "<b>not bold</b> & \"quoted\"\nsecond line")
			.saveTo(store);
	}

}

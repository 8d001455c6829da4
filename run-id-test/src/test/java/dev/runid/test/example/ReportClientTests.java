package dev.runid.test.example;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.test.NoRunLeaks;
import dev.runid.test.WithRunId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.test.autoconfigure.RestClientTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * The README's {@code @WithRunId} example: the test runs in a run, so the client forwards
 * it and {@code @RunScoped} beans live for the test.
 */
@RestClientTest({ ReportClient.class, UsageLedger.class })
@WithRunId("run-1")
@NoRunLeaks
class ReportClientTests {

	@Autowired
	private ReportClient client;

	@Autowired
	private UsageLedger ledger;

	@Autowired
	private MockRestServiceServer server;

	@BeforeEach
	void startLedger() {
		this.ledger.record("setUp");
	}

	@Test
	void forwardsTheTestsRun() {
		this.server.expect(requestTo("https://reports.example.com/report"))
			.andExpect(header("X-Run-Id", "run-1"))
			.andRespond(withSuccess("report", MediaType.TEXT_PLAIN));
		assertThat(this.client.fetchReport()).isEqualTo("report");
		assertThat(this.ledger.calls()).containsExactly("setUp", "fetchReport");
	}

	@Test
	@WithRunId(value = "run-2", parent = "run-1")
	void forwardsTheParentRun() {
		this.server.expect(requestTo("https://reports.example.com/report"))
			.andExpect(header("X-Run-Id", "run-2"))
			.andExpect(header("X-Parent-Run-Id", "run-1"))
			.andRespond(withSuccess("report", MediaType.TEXT_PLAIN));
		assertThat(this.client.fetchReport()).isEqualTo("report");
		assertThat(RunContext.current().flatMap(RunId::parent)).contains(RunId.fromString("run-1"));
	}

	@AfterAll
	static void runScopedBeansEndedWithTheirTests() {
		assertThat(UsageLedger.destroyed).containsExactlyInAnyOrder("run-1=[setUp, fetchReport]",
				"run-2=[setUp, fetchReport]");
	}

}

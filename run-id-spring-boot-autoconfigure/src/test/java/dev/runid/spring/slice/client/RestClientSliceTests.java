package dev.runid.spring.slice.client;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.test.MockServerRestClientCustomizer;
import org.springframework.boot.restclient.test.MockServerRestTemplateCustomizer;
import org.springframework.boot.restclient.test.autoconfigure.RestClientTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.headerDoesNotExist;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * {@code @RestClientTest} of a user's clients: run-id's entries in the slice's imports
 * make {@code RestClient} and {@code RestTemplate} from Boot's builders forward the
 * current run, as in the application.
 */
@RestClientTest({ ReportClient.class, ArchiveClient.class })
class RestClientSliceTests {

	@Autowired
	private ReportClient reportClient;

	@Autowired
	private ArchiveClient archiveClient;

	@Autowired
	private MockServerRestClientCustomizer restClientServers;

	@Autowired
	private MockServerRestTemplateCustomizer restTemplateServers;

	@Test
	void restClientForwardsTheCurrentRunAndItsParent() {
		MockRestServiceServer server = this.restClientServers.getServer();
		server.expect(requestTo("http://reports.example.com/report"))
			.andExpect(header("X-Run-Id", "run-2"))
			.andExpect(header("X-Parent-Run-Id", "run-1"))
			.andRespond(withSuccess("ok", MediaType.TEXT_PLAIN));
		RunId child = RunId.fromString("run-2").withParent(RunId.fromString("run-1"));
		try (RunContext scope = RunContext.enter(child)) {
			assertThat(this.reportClient.report()).isEqualTo("ok");
		}
		server.verify();
	}

	@Test
	void restClientSendsNoRunOutsideARun() {
		MockRestServiceServer server = this.restClientServers.getServer();
		server.expect(requestTo("http://reports.example.com/report"))
			.andExpect(headerDoesNotExist("X-Run-Id"))
			.andRespond(withSuccess("ok", MediaType.TEXT_PLAIN));
		assertThat(this.reportClient.report()).isEqualTo("ok");
		server.verify();
	}

	@Test
	void restTemplateForwardsTheCurrentRun() {
		MockRestServiceServer server = this.restTemplateServers.getServer();
		server.expect(requestTo("/archive"))
			.andExpect(header("X-Run-Id", "run-3"))
			.andExpect(headerDoesNotExist("X-Parent-Run-Id"))
			.andRespond(withSuccess("archived", MediaType.TEXT_PLAIN));
		try (RunContext scope = RunContext.enter(RunId.fromString("run-3"))) {
			assertThat(this.archiveClient.archive()).isEqualTo("archived");
		}
		server.verify();
	}

}

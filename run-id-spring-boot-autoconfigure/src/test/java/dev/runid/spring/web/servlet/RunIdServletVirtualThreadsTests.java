package dev.runid.spring.web.servlet;

import java.net.http.HttpResponse;

import dev.runid.spring.test.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true}, requests and {@code @Async} work run
 * on virtual threads and the run follows. CI also runs every other end-to-end test with
 * virtual threads on JDK 25.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; CI runs this on JDK 25")
@SpringBootTest(classes = ServletTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
@DirtiesContext
class RunIdServletVirtualThreadsTests {

	@LocalServerPort
	int port;

	@Test
	void requestAndAsyncWorkOnVirtualThreadsSeeTheRun() {
		for (int i = 0; i < 20; i++) {
			String runId = "virtual-" + i;
			HttpResponse<String> response = Http.get(this.port, "/thread", "X-Run-Id", runId);
			String[] parts = response.body().split("\\|");
			assertThat(parts[0]).as("request on a virtual thread").isEqualTo("true");
			assertThat(parts[1]).isEqualTo(runId);
			assertThat(parts[2]).isEqualTo(runId);
			assertThat(parts[5]).as("@Async RunContext").isEqualTo(runId);
			assertThat(parts[6]).as("@Async MDC").isEqualTo(runId);
			assertThat(parts[8]).as("@Async on a virtual thread").isEqualTo("true");
		}
		assertThat(ServletTestApplication.leaks).isEmpty();
	}

}

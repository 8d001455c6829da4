package dev.runid.spring.web.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.runid.RunId;
import dev.runid.spring.web.reactive.HeaderRecordingServer.Received;
import dev.runid.spring.web.reactive.WebFluxTestApplication.RunLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent requests through a pipeline that hops threads twice and calls a
 * downstream service: every step of every request must see its own run.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "logging.level.dev.runid=WARN",
				"logging.level.dev.runid.spring.web.reactive.WebFluxTestApplication=WARN" })
@DirtiesContext
class RunIdWebFluxConcurrencyTests {

	private static final int REQUESTS = 1600;

	private static final int CLIENT_THREADS = 32;

	@LocalServerPort
	int port;

	@Autowired
	HeaderRecordingServer downstream;

	@AfterAll
	static void stopWatchingThreads() {
		ThreadLeakDetector.uninstall();
	}

	@Test
	void everyStepOfEveryConcurrentRequestSeesItsOwnRun() throws Exception {
		ThreadLeakDetector.install();
		ThreadLeakDetector.clear();
		this.downstream.clear();
		int created = RunLedger.created.get();
		int destroyed = RunLedger.destroyed.get();
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> echoes = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				boolean withHeader = i % 4 != 0;
				futures.add(clients.submit(() -> {
					String sent = withHeader ? RunId.generate().value() : null;
					HttpResponse<String> response = (sent != null) ? Http.get(this.port, "/load", "X-Run-Id", sent)
							: Http.get(this.port, "/load");
					String echo = response.headers().firstValue("X-Run-Id").orElse("missing");
					echoes.add(echo);
					check(sent, echo, response, mismatches);
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(mismatches).isEmpty();
		assertThat(new HashSet<>(echoes)).hasSize(REQUESTS);
		Set<String> downstreamRuns = new HashSet<>();
		for (Received received : this.downstream.received()) {
			assertThat(received.runIds()).hasSize(1);
			downstreamRuns.add(received.runIds().get(0));
		}
		assertThat(downstreamRuns).isEqualTo(new HashSet<>(echoes));
		assertThat(RunLedger.created.get() - created).isEqualTo(REQUESTS);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(RunLedger.destroyed.get() - destroyed).isEqualTo(REQUESTS));
		ThreadLeakDetector.checkThreads();
		assertThat(ThreadLeakDetector.leaks()).isEmpty();
	}

	/**
	 * Body: {@code run;stage=contextRun,mdcRun,scopedBeanRun[,downstream=run];...}.
	 */
	private static void check(String sent, String echo, HttpResponse<String> response,
			ConcurrentLinkedQueue<String> mismatches) {
		if (response.statusCode() != 200 || (sent != null && !sent.equals(echo))) {
			mismatches.add("sent " + sent + ", echo " + echo + ", status " + response.statusCode());
			return;
		}
		String[] parts = response.body().split(";");
		if (!parts[0].equals(echo) || parts.length != 5) {
			mismatches.add("echo " + echo + ", body " + response.body());
			return;
		}
		for (int i = 1; i < parts.length; i++) {
			String[] seen = parts[i].split("=", 2)[1].split(",");
			for (String value : seen) {
				String run = value.startsWith("downstream=") ? value.substring("downstream=".length()) : value;
				if (!run.equals(echo)) {
					mismatches.add("echo " + echo + ", body " + response.body());
					return;
				}
			}
		}
	}

}

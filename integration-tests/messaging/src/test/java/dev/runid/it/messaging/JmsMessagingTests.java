package dev.runid.it.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunStatus;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run crosses an embedded Artemis broker: from an HTTP request through
 * {@code JmsTemplate} to {@code @JmsListener} methods, their logs and an HTTP call they
 * make to a real downstream server.
 */
@SpringBootTest(classes = JmsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.artemis.mode=embedded", "spring.artemis.embedded.persistent=false",
				"spring.jms.listener.session.transacted=true", "management.tracing.sampling.probability=1.0",
				"spring.kafka.listener.auto-startup=false",
				"logging.pattern.console=" + KafkaMessagingTests.LOG_PATTERN })
@ExtendWith(OutputCaptureExtension.class)
class JmsMessagingTests {

	static final Downstream downstream = Downstream.start();

	@DynamicPropertySource
	static void downstream(DynamicPropertyRegistry registry) {
		registry.add("downstream.url", () -> downstream.url("127.0.0.1"));
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JmsTemplate template;

	@Autowired
	Seen seen;

	@Autowired
	JmsApplication.Listeners listeners;

	@Autowired
	JmsApplication.IdleThreads idleThreads;

	@Autowired
	RunRegistry registry;

	@Autowired
	Tracer tracer;

	@Test
	void runCrossesFromAnHttpRequestThroughJmsToTheListenerItsLogsAndItsHttpCalls(CapturedOutput output) {
		RunId run = RunId.generate().withParent(RunId.generate());
		String answered = RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/send/orders")
			.header("X-Run-Id", run.value())
			.header("X-Parent-Run-Id", run.parent().orElseThrow().value())
			.body("order-1")
			.retrieve()
			.body(String.class);
		assertThat(answered).isEqualTo(run.value());
		Seen.Visit visit = this.seen.take("order-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.parentRunId()).isEqualTo(run.parent().orElseThrow().value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(output.getOut().lines().filter((line) -> line.contains("handled order order-1")))
						.singleElement(InstanceOfAssertFactories.STRING)
						.contains("[" + run.value() + "] [" + run.parent().orElseThrow().value()
								+ "] JmsApplication$Listeners"));
	}

	@Test
	void listenersWorkIsASegmentOfKindMessageNamedAfterTheQueue() {
		// sent with the property alone: a run entered here would be active in the
		// listener's process too (one JVM), and the listener would join its segment
		RunId run = RunId.generate();
		this.template.convertAndSend(JmsApplication.ORDERS, "segment-1", (message) -> {
			message.setStringProperty("runId", run.value());
			return message;
		});
		assertThat(this.seen.take("segment-1").runId()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value()))
				.hasValueSatisfying((found) -> assertThat(found.segments()).singleElement().satisfies((segment) -> {
					assertThat(segment.kind()).isEqualTo("message");
					assertThat(segment.name()).isEqualTo(JmsApplication.ORDERS);
					assertThat(segment.status()).isEqualTo(RunStatus.SUCCEEDED);
				})));
	}

	@Test
	void eachOf200InterleavedRunsReachesItsOwnListener() throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(8);
		List<RunId> runs = new ArrayList<>();
		List<CompletableFuture<?>> sent = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				RunId run = RunId.generate();
				runs.add(run);
				String payload = "many-" + i;
				sent.add(CompletableFuture.runAsync(
						() -> RunContext.run(run, () -> this.template.convertAndSend(JmsApplication.ORDERS, payload)),
						senders));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			senders.shutdownNow();
		}
		for (int i = 0; i < 200; i++) {
			Seen.Visit visit = this.seen.take("many-" + i);
			String expected = runs.get(i).value();
			assertThat(visit.runId()).isEqualTo(expected);
			assertThat(visit.mdcRunId()).isEqualTo(expected);
			assertThat(visit.downstream()).isEqualTo(expected);
		}
	}

	@Test
	void invalidRunPropertyIsReplacedAndLoggedEscaped(CapturedOutput output) {
		String invalid = "bad\nrun <script>";
		this.template.convertAndSend(JmsApplication.ORDERS, "invalid-1", (message) -> {
			message.setStringProperty("runId", invalid);
			return message;
		});
		Seen.Visit visit = this.seen.take("invalid-1");
		assertThat(visit.runId()).isNotNull().isNotEqualTo(invalid);
		assertThat(RunId.isValid(visit.runId())).isTrue();
		assertThat(visit.mdcRunId()).isEqualTo(visit.runId());
		assertThat(visit.downstream()).isEqualTo(visit.runId());
		// run-id's own lines only: Artemis logs the messages it routes, with their
		// properties
		assertThat(output.getOut().lines().filter((line) -> line.contains("RunIdInboundResolver")))
			.anySatisfy((line) -> assertThat(line).contains("Invalid runId header")
				.contains("replaced it with new run " + visit.runId()))
			.allSatisfy((line) -> assertThat(line).doesNotContain("<script>"));
		assertThat(output.getOut()).doesNotContain("RunIdInboundResolver Invalid runId header bad");
	}

	@Test
	void messageWithoutRunPropertyGetsARunOfItsOwn() {
		this.template.convertAndSend(JmsApplication.ORDERS, "missing-1");
		this.template.convertAndSend(JmsApplication.ORDERS, "missing-2");
		Seen.Visit first = this.seen.take("missing-1");
		Seen.Visit second = this.seen.take("missing-2");
		assertThat(RunId.isValid(first.runId())).isTrue();
		assertThat(RunId.isValid(second.runId())).isTrue();
		assertThat(first.runId()).isNotEqualTo(second.runId());
		assertThat(first.downstream()).isEqualTo(first.runId());
	}

	@Test
	void failureIsLoggedInTheRunAndRedeliveriesAndTheDeadLetterQueueKeepTheRun(CapturedOutput output) {
		RunId run = RunId.generate();
		this.template.convertAndSend(JmsApplication.FAILING, "fail-1", (message) -> {
			message.setStringProperty("runId", run.value());
			return message;
		});
		// the broker delivers it again after each rollback, then moves it to DLQ
		assertThat(this.seen.takeAll("fail-1", 2)).extracting(Seen.Visit::runId).containsOnly(run.value());
		Seen.Visit deadLetter = this.seen.take("dlq:fail-1");
		assertThat(deadLetter.runId()).isEqualTo(run.value());
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains(" ERROR [" + run.value() + "]")
					&& line.contains("Listener of failing failed in run " + run.value())))
			.isNotEmpty();
		assertThat(output.getOut()).contains("no stock for fail-1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value()))
				.hasValueSatisfying((found) -> assertThat(found.segments())
					.filteredOn((segment) -> JmsApplication.FAILING.equals(segment.name()))
					.isNotEmpty()
					.allSatisfy((segment) -> assertThat(segment.status()).isEqualTo(RunStatus.FAILED))));
	}

	@Test
	void traceAndRunBothArrive() {
		RunId run = RunId.generate();
		Span span = this.tracer.nextSpan().name("send").start();
		try (RunContext scope = RunContext.enter(run); Tracer.SpanInScope inScope = this.tracer.withSpan(span)) {
			this.template.convertAndSend(JmsApplication.ORDERS, "traced-1");
		}
		finally {
			span.end();
		}
		Seen.Visit visit = this.seen.take("traced-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(this.listeners.traceIds.get("traced-1")).isEqualTo(span.context().traceId());
	}

	@Test
	void afterAJmsListenerMethodTheContainerThreadHoldsNoRun() {
		assertContainerThreadHoldsNoRunAfter(JmsApplication.PROBED, "probed-1");
	}

	@Test
	void afterAPlainMessageListenerTheContainerThreadHoldsNoRun() {
		assertContainerThreadHoldsNoRunAfter(JmsApplication.PLAIN, "plain-1");
	}

	@Test
	void plainMessageListenerIsCalledAsOneWithoutASessionOfItsOwn() {
		RunId first = RunId.generate();
		RunId second = RunId.generate();
		RunContext.run(first, () -> this.template.convertAndSend(JmsApplication.PLAIN, "plain-2"));
		assertThat(this.seen.take("plain-2").runId()).isEqualTo(first.value());
		RunContext.run(second, () -> this.template.convertAndSend(JmsApplication.PLAIN, "plain-3"));
		assertThat(this.seen.take("plain-3").runId()).isEqualTo(second.value());
		// a session-aware listener would get a connection and session of its own for each
		// message from a container that does not expose its session
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.idleThreads.connections).containsKeys("plain-2", "plain-3"));
		assertThat(this.idleThreads.connections.get("plain-3")).isEqualTo(this.idleThreads.connections.get("plain-2"));
	}

	private void assertContainerThreadHoldsNoRunAfter(String destination, String payload) {
		RunId run = RunId.generate();
		RunContext.run(run, () -> this.template.convertAndSend(destination, payload));
		Seen.Visit visit = this.seen.take(payload);
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(visit.mdcRunId()).isEqualTo(run.value());
		assertThat(visit.downstream()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.idleThreads.after.get(payload)).isNotNull());
		Step after = this.idleThreads.after.get(payload);
		assertThat(after.thread()).isEqualTo(visit.thread());
		assertThat(after.state()).isEqualTo(run.value() + "/" + run.value());
		// seen on the same thread when it next waits for a message in vain
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.idleThreads.steps).anySatisfy((step) -> {
				assertThat(step.thread()).isEqualTo(visit.thread());
				assertThat(step.at()).isGreaterThan(after.at());
			}));
		assertThat(this.idleThreads.steps)
			.filteredOn((step) -> step.thread().equals(visit.thread()) && step.at() > after.at())
			.allSatisfy((step) -> assertThat(step.state()).isEqualTo("-/-"));
	}

}

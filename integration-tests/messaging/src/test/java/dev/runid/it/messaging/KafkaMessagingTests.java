package dev.runid.it.messaging;

import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.ProducerRecord;
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
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run crosses an embedded Kafka (KRaft) broker: from an HTTP request through
 * {@code KafkaTemplate} to {@code @KafkaListener} methods, their logs and an HTTP call
 * they make to a real downstream server.
 */
@SpringBootTest(classes = KafkaApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
				"spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
				"spring.kafka.template.observation-enabled=true", "spring.kafka.listener.observation-enabled=true",
				"spring.kafka.listener.idle-event-interval=100ms", "management.tracing.sampling.probability=1.0",
				"logging.pattern.console=" + KafkaMessagingTests.LOG_PATTERN })
@EmbeddedKafka(partitions = 3,
		topics = { KafkaApplication.ORDERS, KafkaApplication.FAILING, KafkaApplication.FAILING + "-dlt",
				KafkaApplication.BATCH })
@ExtendWith(OutputCaptureExtension.class)
class KafkaMessagingTests {

	static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %5p [%X{runId:--}] [%X{parentRunId:--}] %-17logger{0} %m%n";

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
	KafkaTemplate<Object, Object> template;

	@Autowired
	Seen seen;

	@Autowired
	KafkaApplication.Listeners listeners;

	@Autowired
	KafkaApplication.AfterRecord afterRecord;

	@Autowired
	KafkaApplication.IdleThreads idleThreads;

	@Autowired
	RunRegistry registry;

	@Autowired
	Tracer tracer;

	@Test
	void runCrossesFromAnHttpRequestThroughKafkaToTheListenerItsLogsAndItsHttpCalls(CapturedOutput output) {
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
		assertThat(visit.thread()).isNotEqualTo(Thread.currentThread().getName());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains(
						"[" + run.value() + "] [" + run.parent().orElseThrow().value() + "] KafkaApplication$Listeners")
				.contains("handled order order-1"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("handled order order-1")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("[" + run.value() + "]");
		// the application's own record interceptor runs in the record's run, all its
		// hooks
		assertThat(this.afterRecord.intercepted.get("order-1")).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.afterRecord.after.get("order-1")).isNotNull());
		Step after = this.afterRecord.after.get("order-1");
		assertThat(after.state()).isEqualTo(run.value() + "/" + run.value());
		assertThat(after.thread()).isEqualTo(visit.thread());
		// and after the record, the consumer thread keeps nothing (seen when it is idle
		// next)
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

	@Test
	void listenersWorkIsASegmentOfKindMessageNamedAfterTheTopic() throws Exception {
		// sent with the header alone: a run entered here would be active in the
		// listener's process too (one JVM), and the listener would join its segment
		RunId run = RunId.generate();
		ProducerRecord<Object, Object> record = new ProducerRecord<>(KafkaApplication.ORDERS, "segment-1");
		record.headers().add("X-Run-Id", run.value().getBytes(StandardCharsets.UTF_8));
		this.template.send(record).get(30, TimeUnit.SECONDS);
		assertThat(this.seen.take("segment-1").runId()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value()))
				.hasValueSatisfying((found) -> assertThat(found.segments()).singleElement().satisfies((segment) -> {
					assertThat(segment.kind()).isEqualTo("message");
					assertThat(segment.name()).isEqualTo(KafkaApplication.ORDERS);
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
				sent.add(CompletableFuture.runAsync(() -> {
					try (RunContext scope = RunContext.enter(run)) {
						this.template.send(KafkaApplication.ORDERS, payload).get(30, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, senders));
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
	void invalidRunHeaderIsReplacedAndLoggedEscaped(CapturedOutput output) throws Exception {
		String invalid = "bad\nrun <script>";
		ProducerRecord<Object, Object> record = new ProducerRecord<>(KafkaApplication.ORDERS, "invalid-1");
		record.headers().add("X-Run-Id", invalid.getBytes(StandardCharsets.UTF_8));
		this.template.send(record).get(30, TimeUnit.SECONDS);
		Seen.Visit visit = this.seen.take("invalid-1");
		assertThat(visit.runId()).isNotNull().isNotEqualTo(invalid);
		assertThat(RunId.isValid(visit.runId())).isTrue();
		assertThat(visit.mdcRunId()).isEqualTo(visit.runId());
		assertThat(visit.downstream()).isEqualTo(visit.runId());
		assertThat(output.getOut()).contains("Invalid X-Run-Id header")
			.contains("replaced it with new run " + visit.runId())
			.doesNotContain(invalid)
			.doesNotContain("<script>");
	}

	@Test
	void messageWithoutRunHeaderGetsARunOfItsOwn() throws Exception {
		this.template.send(KafkaApplication.ORDERS, "missing-1").get(30, TimeUnit.SECONDS);
		this.template.send(KafkaApplication.ORDERS, "missing-2").get(30, TimeUnit.SECONDS);
		Seen.Visit first = this.seen.take("missing-1");
		Seen.Visit second = this.seen.take("missing-2");
		assertThat(RunId.isValid(first.runId())).isTrue();
		assertThat(RunId.isValid(second.runId())).isTrue();
		assertThat(first.runId()).isNotEqualTo(second.runId());
		assertThat(first.parentRunId()).isNull();
		assertThat(first.downstream()).isEqualTo(first.runId());
	}

	@Test
	void failureIsLoggedInTheRunAndRetriesAndTheDeadLetterTopicKeepTheRun(CapturedOutput output) throws Exception {
		RunId run = RunId.generate();
		ProducerRecord<Object, Object> record = new ProducerRecord<>(KafkaApplication.FAILING, "fail-1");
		record.headers().add("X-Run-Id", run.value().getBytes(StandardCharsets.UTF_8));
		this.template.send(record).get(30, TimeUnit.SECONDS);
		// the first delivery and two retries
		assertThat(this.seen.takeAll("fail-1", 3)).extracting(Seen.Visit::runId).containsOnly(run.value());
		Seen.Visit deadLetter = this.seen.take("dlt:fail-1");
		assertThat(deadLetter.runId()).isEqualTo(run.value());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(
							output.getOut()
								.lines()
								.filter((line) -> line.contains(" ERROR [" + run.value() + "]")
										&& line.contains("Listener of failing failed in run " + run.value())))
						.hasSize(3));
		assertThat(output.getOut()).contains("IllegalStateException: no stock for fail-1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find(run.value()))
				.hasValueSatisfying((found) -> assertThat(found.segments())
					.filteredOn((segment) -> KafkaApplication.FAILING.equals(segment.name()))
					.isNotEmpty()
					.allSatisfy((segment) -> {
						assertThat(segment.kind()).isEqualTo("message");
						assertThat(segment.status()).isEqualTo(RunStatus.FAILED);
					})));
	}

	@Test
	void batchListenerRunsInANewRunAndEachRecordKeepsItsRunInItsHeader() throws Exception {
		RunId first = RunId.generate();
		RunId second = RunId.generate();
		try (RunContext scope = RunContext.enter(first)) {
			this.template.send(KafkaApplication.BATCH, 0, null, "b-1").get(30, TimeUnit.SECONDS);
		}
		try (RunContext scope = RunContext.enter(second)) {
			this.template.send(KafkaApplication.BATCH, 0, null, "b-2").get(30, TimeUnit.SECONDS);
		}
		Seen.Visit one = this.seen.take("batch:b-1");
		Seen.Visit two = this.seen.take("batch:b-2");
		assertThat(one.downstream()).isEqualTo(first.value());
		assertThat(two.downstream()).isEqualTo(second.value());
		assertThat(one.runId()).isNotNull().isNotIn(first.value(), second.value());
		assertThat(RunId.isValid(one.runId())).isTrue();
		assertThat(one.mdcRunId()).isEqualTo(one.runId());
	}

	@Test
	void traceAndRunBothArrive() throws Exception {
		RunId run = RunId.generate();
		Span span = this.tracer.nextSpan().name("send").start();
		try (RunContext scope = RunContext.enter(run); Tracer.SpanInScope inScope = this.tracer.withSpan(span)) {
			this.template.send(KafkaApplication.ORDERS, "traced-1").get(30, TimeUnit.SECONDS);
		}
		finally {
			span.end();
		}
		Seen.Visit visit = this.seen.take("traced-1");
		assertThat(visit.runId()).isEqualTo(run.value());
		assertThat(this.listeners.traceIds.get("traced-1")).isEqualTo(span.context().traceId());
	}

}

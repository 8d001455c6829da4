package dev.runid.aot.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.runid.RunId;
import dev.runid.aot.AotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The messaging application, processed ahead of time by the build, started in AOT mode as
 * its own process: for Kafka (a KRaft broker that this test starts), JMS (an embedded
 * Artemis broker in the application's process) and RabbitMQ (a server on 127.0.0.1:5672,
 * skipped when none answers), a message sent in an HTTP request's run is received in that
 * run, one sent outside any run gets a run of its own, one that names its own run is
 * received in it (a segment of kind {@code message} in the registry), an invalid run is
 * replaced and logged escaped, a failing listener's retries or redeliveries and its dead
 * letter stay in the run, and the trace (Micrometer Tracing on Brave) crosses with the
 * run. For Kafka and RabbitMQ also: a batch listener runs in a new run with each
 * message's run in its header (Spring JMS has no batch listeners).
 */
class AotMessagingApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final String RABBIT_SUFFIX = UUID.randomUUID().toString();

	private static final String RABBIT_QUEUE = "run-id.aot.orders." + RABBIT_SUFFIX;

	private static final String RABBIT_FAILING = "run-id.aot.failing." + RABBIT_SUFFIX;

	private static final String RABBIT_DEAD_LETTERS = "run-id.aot.dead." + RABBIT_SUFFIX;

	private static final String RABBIT_BATCH = "run-id.aot.batch." + RABBIT_SUFFIX;

	private static final String RABBIT_PRODUCER_BATCH = "run-id.aot.producer-batch." + RABBIT_SUFFIX;

	private static final boolean rabbitAnswers = rabbitAnswers();

	private static EmbeddedKafkaKraftBroker kafka;

	private static AotApplication application;

	@BeforeAll
	static void start() {
		kafka = new EmbeddedKafkaKraftBroker(1, 1, AotMessagingApplication.ORDERS, AotMessagingApplication.FAILING,
				AotMessagingApplication.FAILING + "-dlt", AotMessagingApplication.BATCH);
		kafka.afterPropertiesSet();
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
		arguments.add("--aot.rabbit.queue=" + RABBIT_QUEUE);
		arguments.add("--aot.rabbit.failing-queue=" + RABBIT_FAILING);
		arguments.add("--aot.rabbit.dead-letter-queue=" + RABBIT_DEAD_LETTERS);
		arguments.add("--aot.rabbit.batch-queue=" + RABBIT_BATCH);
		arguments.add("--aot.rabbit.producer-batch-queue=" + RABBIT_PRODUCER_BATCH);
		if (!rabbitAnswers) {
			arguments.add("--spring.rabbitmq.listener.simple.auto-startup=false");
		}
		application = AotApplication.start(AotMessagingApplication.class, arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (kafka != null) {
			kafka.destroy();
		}
	}

	/**
	 * Whether a RabbitMQ server answers on 127.0.0.1:5672; without one, the RabbitMQ
	 * cases are skipped with a message that says how to run them.
	 * @return whether a server answers
	 */
	static boolean rabbitAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		assertThat(application.output()).contains("Starting AOT-processed AotMessagingApplication");
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void listenerRunsInTheRunOfTheRequestThatSentTheMessage(String broker) throws Exception {
		assumeBroker(broker);
		String run = "aot-" + broker + "-request";
		String parent = "aot-" + broker + "-request-parent";
		String payload = broker + "-in-run";
		HttpResponse<String> sent = post("/send/" + broker, payload, run, parent);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isEqualTo(run);
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=" + parent + " mdc=" + run + " scoped=" + run);
		application.awaitLine("the listener's line with the run in the MDC",
				(line) -> line.contains("[" + run + "] [" + parent + "]")
						&& line.endsWith(broker + " listener received " + payload));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void eachMessageSentOutsideAnyRunGetsARunOfItsOwn(String broker) throws Exception {
		assumeBroker(broker);
		List<String> runs = new ArrayList<>();
		for (String payload : List.of(broker + "-without-run-1", broker + "-without-run-2")) {
			HttpResponse<String> sent = post("/send/" + broker + "/without-run", payload, null, null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
			assertThat(sent.body()).isEqualTo("none");
			Map<String, String> seen = fields(seen(payload));
			String run = seen.get("run");
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(seen).containsEntry("parent", "none").containsEntry("mdc", run).containsEntry("scoped", run);
			application.awaitLine("the listener's line with the new run in the MDC",
					(line) -> line.contains("[" + run + "] [-]")
							&& line.endsWith(broker + " listener received " + payload));
			runs.add(run);
		}
		assertThat(runs).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void messageThatNamesItsOwnRunIsReceivedInItAsASegmentOfKindMessage(String broker) throws Exception {
		assumeBroker(broker);
		String run = "aot-" + broker + "-own";
		String payload = broker + "-own-run";
		HttpResponse<String> sent = post("/send/" + broker + "/with-run?run=" + run, payload,
				"aot-" + broker + "-sender", null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isEqualTo("aot-" + broker + "-sender");
		// the message's own run, without a parent from the sender's
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
		String destination = broker.equals("rabbit") ? RABBIT_QUEUE : AotMessagingApplication.ORDERS;
		DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + run);
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
		assertThat(record.<Object>read("$.parentId")).isNull();
		assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
			.satisfies((segment) -> assertThat(segment).containsEntry("service", "aot-messaging")
				.containsEntry("kind", "message")
				.containsEntry("name", destination)
				.containsEntry("status", "SUCCEEDED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void invalidRunIsReplacedAndLoggedEscaped(String broker) throws Exception {
		assumeBroker(broker);
		String invalid = "bad\nrun <script>";
		String payload = broker + "-invalid-run";
		HttpResponse<String> sent = post(
				"/send/" + broker + "/with-run?run=" + URLEncoder.encode(invalid, StandardCharsets.UTF_8), payload,
				null, null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		Map<String, String> seen = fields(seen(payload));
		String run = seen.get("run");
		assertThat(RunId.isValid(run)).as(run).isTrue();
		assertThat(seen).containsEntry("mdc", run).containsEntry("scoped", run);
		String name = broker.equals("jms") ? "runId" : "X-Run-Id";
		application.awaitLine("the warning about the invalid run", (line) -> line.contains("RunIdInboundResolver")
				&& line.contains("Invalid " + name + " header") && line.contains("replaced it with new run " + run));
		assertThat(application.lines()).filteredOn((line) -> line.contains("RunIdInboundResolver"))
			.allSatisfy((line) -> assertThat(line).doesNotContain("<script>"));
	}

	@Test
	void failingKafkaListenerIsRetriedInTheRunAndItsDeadLetterKeepsIt() throws Exception {
		String run = "aot-kafka-failing";
		String parent = "aot-kafka-failing-parent";
		String payload = "kafka-fail";
		// the record names its run and leaves in a request of another run: were its run
		// active in the application's process when a delivery came, the delivery would
		// join that run's segment
		HttpResponse<String> sent = post("/send/kafka-failing/with-run?run=" + run + "&parent=" + parent, payload, null,
				null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isNotIn(run, parent, "none");
		String inRun = "run=" + run + " parent=" + parent + " mdc=" + run + " scoped=" + run;
		// the record goes to the dead-letter topic after the first delivery and two
		// retries, each in the run
		assertThat(seen("dlt:" + payload)).isEqualTo(inRun);
		assertThat(get("/seen/all?payload=" + payload).body().lines()).containsExactly(inRun, inRun, inRun);
		await("three failures logged in the run").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(application.lines())
				.filteredOn((line) -> line.contains(" ERROR [" + run + "] [" + parent + "]")
						&& line.endsWith("Listener of " + AotMessagingApplication.FAILING + " failed in run " + run))
				.hasSize(3));
		assertThat(application.output()).contains("IllegalStateException: no stock for " + payload);
		// a segment per delivery
		await("the failed segments in the run's record").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + run);
			assertThat(answer.statusCode()).isEqualTo(200);
			List<Map<String, Object>> segments = JsonPath.read(answer.body(), "$.segments");
			assertThat(segments).filteredOn((segment) -> AotMessagingApplication.FAILING.equals(segment.get("name")))
				.hasSize(3)
				.allSatisfy((segment) -> assertThat(segment).containsEntry("kind", "message")
					.containsEntry("status", "FAILED"));
		});
	}

	/**
	 * JMS: the listener's session rolls back and the broker delivers the message again,
	 * three deliveries in all, each a listener call of its own (a failure logged and a
	 * failed segment each), then moves it to {@code DLQ}. RabbitMQ: Boot's retry
	 * interceptor calls the listener three times within one delivery (one failure logged,
	 * one failed segment), then rejects the message, which the server dead-letters. The
	 * message names its run and parent and leaves in a request of another run: were its
	 * run active in the application's process when a delivery came, the delivery would
	 * join that run's segment.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "jms", "rabbit" })
	void failingListenerIsCalledAgainInTheRunAndItsDeadLetterKeepsIt(String broker) throws Exception {
		assumeBroker(broker);
		String run = "aot-" + broker + "-failing";
		String parent = "aot-" + broker + "-failing-parent";
		String payload = broker + "-fail";
		HttpResponse<String> sent = post("/send/" + broker + "-failing/with-run?run=" + run + "&parent=" + parent,
				payload, null, null);
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).isNotIn(run, parent, "none");
		String inRun = "run=" + run + " parent=" + parent + " mdc=" + run + " scoped=" + run;
		assertThat(seen("dead:" + payload)).isEqualTo(inRun);
		assertThat(get("/seen/all?payload=" + payload).body().lines()).containsExactly(inRun, inRun, inRun);
		boolean jms = broker.equals("jms");
		String failing = jms ? AotMessagingApplication.FAILING : RABBIT_FAILING;
		String deadLetters = jms ? AotMessagingApplication.JMS_DEAD_LETTERS : RABBIT_DEAD_LETTERS;
		int listenerCalls = jms ? 3 : 1;
		await("the failures logged in the run").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(application.lines())
				.filteredOn((line) -> line.contains(" ERROR [" + run + "] [" + parent + "]")
						&& line.endsWith("Listener of " + failing + " failed in run " + run))
				.hasSize(listenerCalls));
		assertThat(application.output()).contains("IllegalStateException: no stock for " + payload);
		await("the failed segments and the dead letter's in the run's record").atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> {
				HttpResponse<String> answer = get("/actuator/runs/" + run);
				assertThat(answer.statusCode()).isEqualTo(200);
				DocumentContext record = JsonPath.parse(answer.body());
				assertThat(record.<String>read("$.parentId")).isEqualTo(parent);
				List<Map<String, Object>> segments = record.read("$.segments");
				assertThat(segments).filteredOn((segment) -> failing.equals(segment.get("name")))
					.hasSize(listenerCalls)
					.allSatisfy((segment) -> assertThat(segment).containsEntry("kind", "message")
						.containsEntry("status", "FAILED"));
				assertThat(segments).filteredOn((segment) -> deadLetters.equals(segment.get("name")))
					.singleElement()
					.satisfies((segment) -> assertThat(segment).containsEntry("kind", "message")
						.containsEntry("status", "SUCCEEDED"));
			});
	}

	@Test
	void kafkaBatchListenerRunsInANewRunAndEachRecordKeepsItsRunInItsHeader() throws Exception {
		List<String> senders = List.of("aot-kafka-batch-1", "aot-kafka-batch-2");
		for (int i = 0; i < senders.size(); i++) {
			HttpResponse<String> sent = post("/send/kafka-batch", "b-" + (i + 1), senders.get(i), null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		}
		for (int i = 0; i < senders.size(); i++) {
			Map<String, String> seen = fields(seen("batch:b-" + (i + 1)));
			String run = seen.get("run");
			// the batch's own run, for all its records; each record's run in its header
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(run).isNotEqualTo("none").isNotIn(senders);
			assertThat(seen).containsEntry("parent", "none")
				.containsEntry("mdc", run)
				.containsEntry("scoped", run)
				.containsEntry("header", senders.get(i));
			DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
				HttpResponse<String> answer = get("/actuator/runs/" + run);
				return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
			}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
			assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
				.satisfies((segment) -> assertThat(segment).containsEntry("kind", "message")
					.containsEntry("name", AotMessagingApplication.BATCH)
					.containsEntry("status", "SUCCEEDED"));
		}
	}

	@Test
	void rabbitBatchListenerRunsInANewRunAndEachMessageKeepsItsRunInItsHeader() throws Exception {
		assumeBroker("rabbit");
		List<String> senders = List.of("aot-rabbit-batch-1", "aot-rabbit-batch-2");
		for (int i = 0; i < senders.size(); i++) {
			HttpResponse<String> sent = post("/send/rabbit-batch", "rb-" + (i + 1), senders.get(i), null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		}
		// the container starts once the queue holds both, so that it gathers both into
		// one batch
		await("both messages in the batch listener's queue").atMost(Duration.ofSeconds(20))
			.until(() -> get("/rabbit-batch/queued").body(), "2"::equals);
		HttpResponse<String> started = post("/rabbit-batch/start", "", null, null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < senders.size(); i++) {
			Map<String, String> seen = fields(seen("batch:rb-" + (i + 1)));
			String run = seen.get("run");
			// the batch's own run, for all its messages; each message's run in its header
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(run).isNotEqualTo("none").isNotIn(senders);
			assertThat(seen).containsEntry("parent", "none")
				.containsEntry("mdc", run)
				.containsEntry("scoped", run)
				.containsEntry("header", senders.get(i));
			runs.add(run);
		}
		assertThat(runs).as("one batch, one run").containsOnly(runs.get(0));
		DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + runs.get(0));
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
		assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
			.satisfies((segment) -> assertThat(segment).containsEntry("kind", "message")
				.containsEntry("name", RABBIT_BATCH)
				.containsEntry("status", "SUCCEEDED"));
	}

	@Test
	void rabbitBatchListenerOfABatchThatABatchingTemplateMadeRunsInANewRun() throws Exception {
		assumeBroker("rabbit");
		List<String> senders = List.of("aot-rabbit-batching-1", "aot-rabbit-batching-2");
		for (int i = 0; i < senders.size(); i++) {
			// the second message completes the batch, which leaves as one message with
			// the headers of one
			HttpResponse<String> sent = post("/rabbit-batch/batching-template", "pb-" + (i + 1), senders.get(i), null);
			assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
			assertThat(sent.body()).isEqualTo(senders.get(i));
		}
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < senders.size(); i++) {
			Map<String, String> seen = fields(seen("producer-batch:pb-" + (i + 1)));
			String run = seen.get("run");
			assertThat(RunId.isValid(run)).as(run).isTrue();
			assertThat(run).isNotEqualTo("none").isNotIn(senders);
			assertThat(seen).containsEntry("parent", "none").containsEntry("mdc", run).containsEntry("scoped", run);
			runs.add(run);
		}
		assertThat(runs).as("one batch, one run").containsOnly(runs.get(0));
		DocumentContext record = await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/" + runs.get(0));
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status")));
		assertThat(record.<List<Map<String, Object>>>read("$.segments")).singleElement()
			.satisfies((segment) -> assertThat(segment).containsEntry("kind", "message")
				.containsEntry("name", RABBIT_PRODUCER_BATCH)
				.containsEntry("status", "SUCCEEDED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kafka", "jms", "rabbit" })
	void traceAndRunBothCrossTheBroker(String broker) throws Exception {
		assumeBroker(broker);
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String spanId = traceId.substring(0, 16);
		String run = "aot-" + broker + "-traced";
		String payload = broker + "-traced";
		HttpRequest request = HttpRequest.newBuilder(application.uri("/send/" + broker))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "text/plain")
			.header("X-Run-Id", run)
			.header("traceparent", "00-" + traceId + "-" + spanId + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(payload))
			.build();
		HttpResponse<String> sent = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		assertThat(seen(payload)).isEqualTo("run=" + run + " parent=none mdc=" + run + " scoped=" + run);
		HttpResponse<String> trace = get("/seen/trace?payload=" + payload);
		assertThat(trace.statusCode()).as("the listener's span").isEqualTo(200);
		assertThat(trace.body()).isEqualTo(traceId);
	}

	@Test
	void nativeImageMetadataHoldsTheHintOfTheKafkaIntegration() throws IOException {
		Path metadata = Path.of(System.getProperty(AotApplication.CLASSES_PROPERTY),
				"META-INF/native-image/dev.runid/run-id-aot-messaging/reachability-metadata.json");
		String json = Files.readString(metadata);
		List<String> fields = JsonPath.read(json,
				"$.reflection[?(@.type == 'org.springframework.kafka.core.KafkaTemplate')].fields[*].name");
		assertThat(fields).contains("producerInterceptor");
	}

	private static void assumeBroker(String broker) {
		assumeTrue(!broker.equals("rabbit") || rabbitAnswers,
				"No RabbitMQ server answers on 127.0.0.1:5672: run .ci/setup-rabbitmq (as root, it installs"
						+ " and starts Debian's rabbitmq-server) to run the RabbitMQ cases");
	}

	/**
	 * What the listener of a message saw, once it received it.
	 */
	private static String seen(String payload) {
		return await("a listener to receive " + payload).atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				HttpResponse<String> answer = get(
						"/seen?payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
				return (answer.statusCode() == 200) ? answer.body() : null;
			}, (body) -> body != null);
	}

	/**
	 * The fields of {@code run=... parent=... mdc=... scoped=...}.
	 */
	private static Map<String, String> fields(String seen) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (String field : seen.split(" ")) {
			int equals = field.indexOf('=');
			fields.put(field.substring(0, equals), field.substring(equals + 1));
		}
		return fields;
	}

	private static HttpResponse<String> post(String path, String payload, String runId, String parentRunId)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(payload));
		if (runId != null) {
			request.header("X-Run-Id", runId);
		}
		if (parentRunId != null) {
			request.header("X-Parent-Run-Id", parentRunId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}

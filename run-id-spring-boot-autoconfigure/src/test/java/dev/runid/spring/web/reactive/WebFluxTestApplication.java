package dev.runid.spring.web.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.RunScoped;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application for the end-to-end tests: handlers that hop threads, call a real
 * downstream server and report the run they see at every step.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebFluxTestApplication.TestController.class)
class WebFluxTestApplication {

	static final Logger logger = LoggerFactory.getLogger(WebFluxTestApplication.class);

	@Bean(destroyMethod = "close")
	HeaderRecordingServer downstream() {
		return new HeaderRecordingServer();
	}

	@Bean
	@RunScoped
	RunLedger runLedger() {
		return new RunLedger();
	}

	@Bean
	RouterFunction<ServerResponse> functionalRoutes() {
		return RouterFunctions.route()
			.GET("/functional",
					(request) -> Mono.just("x")
						.publishOn(Schedulers.parallel())
						.flatMap((value) -> ServerResponse.ok()
							.bodyValue(RunIdWebFilter.runIdOf(request.exchange()) + "|"
									+ RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId"))))
			.build();
	}

	/**
	 * A filter of the application's own, after run-id's, that logs once the response of
	 * {@code /large} is written.
	 * @return the filter
	 */
	@Bean
	WebFilter afterResponseLogger() {
		return (exchange, chain) -> chain.filter(exchange).doFinally((signal) -> {
			if ("/large".equals(exchange.getRequest().getPath().value())) {
				logger.info("after response " + signal);
			}
		});
	}

	/**
	 * A filter of the application's own, after run-id's, that mutates the exchange of
	 * requests that ask for it (as Spring Security's filters do), so that the handler
	 * sees an exchange built on top of run-id's.
	 * @return the filter
	 */
	@Bean
	WebFilter exchangeMutator() {
		return (exchange, chain) -> chain.filter(exchange.getRequest().getHeaders().containsHeader("X-Mutate")
				? exchange.mutate().request((request) -> request.header("X-Mutated", "true")).build() : exchange);
	}

	@Bean
	WebFilter eventLoopRecorder() {
		return (exchange, chain) -> {
			if (exchange.getRequest() instanceof AbstractServerHttpRequest request
					&& request.getNativeRequest() instanceof Connection connection) {
				ThreadLeakDetector.servedBy(connection.channel().eventLoop());
			}
			return chain.filter(exchange);
		};
	}

	/**
	 * What the calling thread sees: the current run, the MDC run and the thread.
	 * @param stage the name of the step
	 * @return {@code stage=run,mdcRun,thread}
	 */
	static String observe(String stage) {
		String seen = stage + "=" + RunContext.current().map(RunId::value).orElse("none") + "," + MDC.get("runId") + ","
				+ Thread.currentThread().getName();
		logger.info("hop " + stage);
		return seen;
	}

	/**
	 * A form bound to a handler parameter.
	 *
	 * @param text the form's only field
	 */
	record FormText(String text) {
	}

	/**
	 * A run-scoped bean that remembers the run it was created for.
	 */
	static class RunLedger {

		static final AtomicInteger created = new AtomicInteger();

		static final AtomicInteger destroyed = new AtomicInteger();

		private String runId = "unset";

		private int id;

		@PostConstruct
		void init() {
			this.runId = RunContext.current().map(RunId::value).orElse("none");
			this.id = created.incrementAndGet();
		}

		@PreDestroy
		void destroy() {
			destroyed.incrementAndGet();
		}

		public String runId() {
			return this.runId;
		}

		public int id() {
			return this.id;
		}

	}

	@RestController
	static class TestController {

		/**
		 * A pool that run-id knows nothing of: signals from it arrive on a thread that
		 * has no run.
		 */
		private static final Executor foreignExecutor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "foreign-thread");
			thread.setDaemon(true);
			return thread;
		});

		private final WebClient webClient;

		private final RestClient restClient;

		private final RunLedger ledger;

		TestController(WebClient.Builder webClient, RestClient.Builder restClient, HeaderRecordingServer downstream,
				RunLedger ledger) {
			this.webClient = webClient.baseUrl(downstream.url("")).build();
			this.restClient = restClient.baseUrl(downstream.url("")).build();
			this.ledger = ledger;
		}

		@GetMapping("/run")
		String run(RunId runId) {
			logger.info("handled run");
			return runId.value() + "|" + RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId")
					+ "|" + MDC.get("parentRunId");
		}

		/**
		 * The run headers as the controller sees them: every value of each, the value of
		 * {@code @RequestHeader("X-Run-Id")}, and the class of the request (the server's
		 * own one unless run-id rewrote the headers).
		 */
		@GetMapping("/headers")
		String headers(@RequestHeader HttpHeaders headers,
				@RequestHeader(name = "X-Run-Id", required = false) @Nullable String runIdHeader,
				@RequestParam(defaultValue = "X-Run-Id") String name,
				@RequestParam(defaultValue = "X-Parent-Run-Id") String parentName, ServerWebExchange exchange) {
			return headers.get(name) + "|" + headers.get(parentName) + "|" + runIdHeader + "|"
					+ exchange.getRequest().getClass().getSimpleName();
		}

		@GetMapping("/hops")
		Mono<String> hops() {
			List<String> seen = Collections.synchronizedList(new ArrayList<>());
			seen.add(observe("controller"));
			return Mono.fromCallable(() -> seen.add(observe("subscribeOn")))
				.subscribeOn(Schedulers.boundedElastic())
				.publishOn(Schedulers.parallel())
				.map((ignored) -> seen.add(observe("publishOn")))
				.delayElement(Duration.ofMillis(5))
				.map((ignored) -> seen.add(observe("delayElement")))
				.flatMap((ignored) -> this.webClient.get().uri("/hops").exchangeToMono((response) -> {
					seen.add(observe("exchange"));
					return response.bodyToMono(String.class);
				}))
				.map((body) -> seen.add(observe("webClientBody")))
				.flatMap((ignored) -> this.webClient.get().uri("/hops").retrieve().bodyToMono(String.class))
				.doOnNext((body) -> seen.add(observe("retrieve")))
				.map((body) -> String.join("\n", seen));
		}

		@PostMapping("/body")
		Mono<String> body(@RequestBody Mono<String> body) {
			List<String> seen = Collections.synchronizedList(new ArrayList<>());
			seen.add(observe("handler"));
			return body.map((text) -> seen.add(observe("body") + "," + text.length()))
				.map((ignored) -> String.join("\n", seen));
		}

		@PostMapping("/decoded-body")
		String decodedBody(@RequestBody String body) {
			return observe("decodedBody") + "," + body.length();
		}

		@PostMapping(path = "/form", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
		Mono<String> form(ServerWebExchange exchange) {
			return exchange.getFormData()
				.map((form) -> observe("form") + "," + String.valueOf(form.getFirst("text")).length());
		}

		@PostMapping(path = "/form-bound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
		String formBound(@ModelAttribute FormText form) {
			return observe("formBound") + "," + form.text().length();
		}

		@PostMapping(path = "/multipart", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
		Mono<String> multipart(ServerWebExchange exchange) {
			return exchange.getMultipartData().map((parts) -> observe("multipart") + "," + parts.size());
		}

		@GetMapping("/foreign-thread")
		Mono<String> foreignThread() {
			// the value is emitted by the pool once subscribed, so the signal always
			// comes from a thread outside the run
			return Mono.<String>create((sink) -> foreignExecutor.execute(() -> sink.success("x")))
				.map((value) -> observe("foreignThread"));
		}

		@GetMapping("/context")
		Mono<String> context() {
			return Mono.just("x")
				.publishOn(Schedulers.parallel())
				.<String>handle((value, sink) -> sink
					.next(RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId")))
				.flatMap((seen) -> Mono.deferContextual((context) -> Mono
					.just(String.valueOf(context.<Object>getOrDefault(RunIdThreadLocalAccessor.KEY, "none")) + "|"
							+ seen)));
		}

		/**
		 * A body larger than the socket's buffers: its write completes on the event loop
		 * once the client has read it, in a later task than the one that wrote it.
		 * @return the body
		 */
		@GetMapping("/large")
		Mono<String> large() {
			return Mono.just("x").publishOn(Schedulers.parallel()).map((x) -> "l".repeat(8_000_000));
		}

		@GetMapping("/forward")
		Mono<String> forward() {
			return this.webClient.get().uri("/forward").retrieve().bodyToMono(String.class);
		}

		@GetMapping("/forward-explicit")
		Mono<String> forwardExplicit() {
			return this.webClient.get()
				.uri("/forward-explicit")
				.header("X-Run-Id", "explicit-run")
				.retrieve()
				.bodyToMono(String.class);
		}

		@GetMapping("/rest-client")
		Mono<String> restClient() {
			return Mono.fromCallable(() -> this.restClient.get().uri("/rest-client").retrieve().body(String.class))
				.subscribeOn(Schedulers.boundedElastic());
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			return Mono.just("x").publishOn(Schedulers.parallel()).map((value) -> {
				throw new IllegalStateException("boom");
			});
		}

		@GetMapping("/conflict")
		Mono<String> conflict() {
			return Mono.just("x")
				.delayElement(Duration.ofMillis(1))
				.flatMap((value) -> Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "already there")));
		}

		@GetMapping("/scoped")
		Mono<String> scoped() {
			String atController = this.ledger.runId() + "#" + this.ledger.id();
			return Mono.just("x")
				.publishOn(Schedulers.parallel())
				.map((value) -> atController + "|" + this.ledger.runId() + "#" + this.ledger.id());
		}

		@GetMapping("/scoped-boom")
		Mono<String> scopedBoom() {
			this.ledger.runId();
			return Mono.just("x").publishOn(Schedulers.parallel()).map((value) -> {
				throw new IllegalStateException("boom after " + this.ledger.id());
			});
		}

		@GetMapping("/scoped-slow")
		Mono<String> scopedSlow() {
			this.ledger.runId();
			return Mono.delay(Duration.ofSeconds(30)).map((value) -> "late");
		}

		@GetMapping("/load")
		Mono<String> load(RunId runId) {
			List<String> seen = Collections.synchronizedList(new ArrayList<>());
			seen.add(observeLoad("controller"));
			return Mono.just("x")
				.publishOn(Schedulers.parallel())
				.doOnNext((value) -> seen.add(observeLoad("parallel")))
				.flatMap((value) -> this.webClient.get().uri("/load").retrieve().bodyToMono(String.class))
				.doOnNext((body) -> seen.add(observeLoad("webClient") + ",downstream=" + body))
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((body) -> seen.add(observeLoad("boundedElastic")))
				.map((body) -> runId.value() + ";" + String.join(";", seen));
		}

		private String observeLoad(String stage) {
			return stage + "=" + RunContext.current().map(RunId::value).orElse("none") + "," + MDC.get("runId") + ","
					+ this.ledger.runId();
		}

	}

}

package dev.runid.spring.web.servlet;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import dev.runid.spring.test.RecordingServer;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.WebUtils;

/**
 * A Spring MVC application exercising every feature of run-id, started on a random port
 * by the end-to-end tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({ ServletTestApplication.TestController.class, ServletTestApplication.AsyncWork.class,
		ServletTestApplication.RunLedger.class })
public class ServletTestApplication {

	static final Log logger = LogFactory.getLog(ServletTestApplication.class);

	/**
	 * Threads that held a run or an MDC entry when a request started or ended, outside
	 * the run-id filter.
	 */
	static final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();

	static String seen() {
		return RunContext.current().map(RunId::value).orElse("none") + "|" + MDC.get("runId") + "|"
				+ MDC.get("parentRunId");
	}

	@Bean(destroyMethod = "close")
	RecordingServer downstream() {
		return RecordingServer.start();
	}

	@Bean
	ServletRequestListener leakDetector() {
		return new ServletRequestListener() {

			@Override
			public void requestInitialized(ServletRequestEvent event) {
				check("start");
			}

			@Override
			public void requestDestroyed(ServletRequestEvent event) {
				check("end");
			}

			private void check(String when) {
				if (RunContext.current().isPresent() || MDC.get("runId") != null) {
					leaks.add(Thread.currentThread().getName() + " at request " + when + ": " + seen());
				}
			}

		};
	}

	@RunScoped
	static class RunLedger {

		static final AtomicInteger created = new AtomicInteger();

		static final AtomicInteger destroyed = new AtomicInteger();

		private final String runId;

		private final AtomicInteger calls = new AtomicInteger();

		RunLedger() {
			this.runId = RunContext.current().map(RunId::value).orElse("none");
			created.incrementAndGet();
		}

		public String record() {
			return this.runId + "#" + this.calls.incrementAndGet();
		}

		String runId() {
			return this.runId;
		}

		@PreDestroy
		void close() {
			destroyed.incrementAndGet();
			logger.info("ledger closed for " + this.runId + " after " + this.calls.get() + " calls");
		}

	}

	/**
	 * Wait until a thread has left the run-id filter, so that the initial dispatch of an
	 * async request is over.
	 */
	static void awaitFilterExit(Thread thread) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			boolean inFilter = false;
			for (StackTraceElement frame : thread.getStackTrace()) {
				if (frame.getClassName().equals(RunIdServletFilter.class.getName())) {
					inFilter = true;
					break;
				}
			}
			if (!inFilter) {
				return;
			}
			Thread.onSpinWait();
		}
		throw new IllegalStateException(
				"Request thread " + thread.getName() + " still in the run-id filter after 10 s");
	}

	static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	@Service
	static class AsyncWork {

		@Async
		CompletableFuture<Boolean> isVirtual() {
			return CompletableFuture.completedFuture(ServletTestApplication.isVirtual(Thread.currentThread()));
		}

		@Async
		CompletableFuture<String> work() {
			logger.info("async work");
			return CompletableFuture.completedFuture(Thread.currentThread().getName() + "|" + seen());
		}

	}

	/**
	 * Reads the run's ledger when serialized.
	 */
	public static final class LedgerReport {

		private final String first;

		private final RunLedger ledger;

		LedgerReport(String first, RunLedger ledger) {
			this.first = first;
			this.ledger = ledger;
		}

		public String getValue() {
			return this.first + "|" + this.ledger.record();
		}

	}

	interface DownstreamClient {

		@GetExchange("/interface")
		String call();

	}

	@RestController
	static class TestController {

		private final RestClient restClient;

		private final RestTemplate restTemplate;

		private final DownstreamClient downstreamClient;

		private final RecordingServer downstream;

		private final AsyncTaskExecutor executor;

		private final AsyncWork asyncWork;

		private final RunLedger ledger;

		TestController(RestClient.Builder restClientBuilder, RestTemplateBuilder restTemplateBuilder,
				RecordingServer downstream, AsyncTaskExecutor applicationTaskExecutor, AsyncWork asyncWork,
				RunLedger ledger) {
			this.restClient = restClientBuilder.build();
			this.restTemplate = restTemplateBuilder.build();
			this.downstreamClient = HttpServiceProxyFactory
				.builderFor(RestClientAdapter.create(restClientBuilder.baseUrl(downstream.url("")).build()))
				.build()
				.createClient(DownstreamClient.class);
			this.downstream = downstream;
			this.executor = applicationTaskExecutor;
			this.asyncWork = asyncWork;
			this.ledger = ledger;
		}

		@GetMapping("/run")
		String run() {
			logger.info("handled run");
			return seen();
		}

		@GetMapping("/thread")
		String thread() throws Exception {
			return isVirtual(Thread.currentThread()) + "|" + seen() + "|" + this.asyncWork.work().get() + "|"
					+ this.asyncWork.isVirtual().get();
		}

		/**
		 * The run headers as the controller sees them: every value of each, the value of
		 * {@code @RequestHeader("X-Run-Id")}, and whether run-id rewrote them.
		 */
		@GetMapping("/headers")
		String headers(@RequestHeader HttpHeaders headers,
				@RequestHeader(name = "X-Run-Id", required = false) @Nullable String runIdHeader,
				@RequestParam(defaultValue = "X-Run-Id") String name,
				@RequestParam(defaultValue = "X-Parent-Run-Id") String parentName, HttpServletRequest request) {
			return headers.get(name) + "|" + headers.get(parentName) + "|" + runIdHeader + "|"
					+ (WebUtils.getNativeRequest(request, RunHeadersRequestWrapper.class) != null);
		}

		@GetMapping("/param")
		String param(RunId runId) {
			return runId.value() + "|" + runId.parent().map(RunId::value).orElse("none");
		}

		@GetMapping("/downstream")
		String downstream(@RequestParam(defaultValue = "127.0.0.1") String host) {
			return this.restClient.get()
				.uri(this.downstream.urlWithHost(host, "/rest-client"))
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/downstream/template")
		String template() {
			return this.restTemplate.getForObject(this.downstream.url("/rest-template"), String.class);
		}

		@GetMapping("/downstream/interface")
		String viaInterface() {
			return this.downstreamClient.call();
		}

		@GetMapping("/downstream/preset")
		String preset() {
			return this.restClient.get()
				.uri(this.downstream.url("/preset"))
				.header("X-Run-Id", "preset-by-caller")
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/child")
		String child() throws Exception {
			RunId outer = RunContext.current().orElseThrow();
			RunId inner = RunId.generate(outer);
			String childSeen = RunContext.call(inner, () -> {
				logger.info("child run working");
				this.restClient.get().uri(this.downstream.url("/child")).retrieve().body(String.class);
				return seen() + "|" + this.ledger.record();
			});
			logger.info("back in outer run");
			return childSeen + "||" + seen() + "|" + this.ledger.record();
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom in handler");
		}

		@GetMapping("/conflict")
		String conflict() {
			throw new ErrorResponseException(HttpStatus.CONFLICT);
		}

		@GetMapping("/problem-detail")
		ProblemDetail problemDetail() {
			return ProblemDetail.forStatusAndDetail(HttpStatus.I_AM_A_TEAPOT, "returned by the handler");
		}

		@GetMapping("/problem-entity")
		ResponseEntity<ProblemDetail> problemEntity() {
			return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.I_AM_A_TEAPOT, "in an entity"));
		}

		@GetMapping("/problem-object")
		Object problemObject() {
			return ProblemDetail.forStatusAndDetail(HttpStatus.I_AM_A_TEAPOT, "as an object");
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			return () -> Thread.currentThread().getName() + "|" + seen();
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>();
			this.executor.execute(() -> result.setResult(Thread.currentThread().getName() + "|" + seen()));
			return result;
		}

		@GetMapping("/scoped/deferred")
		DeferredResult<LedgerReport> scopedDeferred() {
			String first = this.ledger.record();
			Thread requestThread = Thread.currentThread();
			DeferredResult<LedgerReport> result = new DeferredResult<>();
			// completed from a thread outside the run, after the initial dispatch; the
			// report reads the ledger while it is written in the async dispatch
			new Thread(() -> {
				try {
					awaitFilterExit(requestThread);
					result.setResult(new LedgerReport(first, this.ledger));
				}
				catch (IllegalStateException ex) {
					result.setErrorResult(ex);
				}
			}).start();
			return result;
		}

		@GetMapping("/future")
		CompletableFuture<String> future() {
			return CompletableFuture.supplyAsync(() -> Thread.currentThread().getName() + "|" + seen(), this.executor);
		}

		@GetMapping("/webasync")
		WebAsyncTask<String> webAsync() {
			return new WebAsyncTask<>(() -> Thread.currentThread().getName() + "|" + seen());
		}

		@GetMapping("/sse")
		SseEmitter sse() {
			SseEmitter emitter = new SseEmitter(10_000L);
			this.executor.execute(() -> {
				try {
					emitter.send(Thread.currentThread().getName() + "|" + seen());
					emitter.complete();
				}
				catch (Exception ex) {
					emitter.completeWithError(ex);
				}
			});
			return emitter;
		}

		@GetMapping("/async")
		String async() throws Exception {
			return this.asyncWork.work().get();
		}

		@GetMapping("/scoped")
		String scoped() {
			return this.ledger.record() + "|" + this.ledger.record() + "|" + this.ledger.runId();
		}

		@GetMapping("/everything")
		String everything() throws Exception {
			logger.info("everything");
			String downstreamRun = this.restClient.get()
				.uri(this.downstream.url("/everything"))
				.retrieve()
				.body(String.class);
			String asyncSeen = this.asyncWork.work().get();
			String asyncRun = asyncSeen.split("\\|")[1];
			return String.join(",", List.of(RunContext.current().map(RunId::value).orElse("none"),
					String.valueOf(MDC.get("runId")), this.ledger.runId(), downstreamRun, asyncRun));
		}

	}

}

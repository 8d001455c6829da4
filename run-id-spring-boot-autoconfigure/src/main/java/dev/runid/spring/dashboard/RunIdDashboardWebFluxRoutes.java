package dev.runid.spring.dashboard;

import java.util.function.Supplier;

import dev.runid.spring.dashboard.RunIdDashboard.Answer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves a {@link RunIdDashboard} on Spring WebFlux as functional routes, so that the
 * application's web filters (Spring Security among them) apply to them as to its own
 * handlers. Registry lookups run on Reactor's bounded-elastic scheduler, never on an
 * event-loop thread, since a store may block (JDBC).
 */
public final class RunIdDashboardWebFluxRoutes {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private RunIdDashboardWebFluxRoutes() {
	}

	/**
	 * The routes of a dashboard: the page at its path (also at {@code runs/{id}}, the URL
	 * of one run), its files, and its JSON resources under {@code api/}.
	 * @param dashboard the dashboard
	 * @return the routes, all under the dashboard's path
	 */
	public static RouterFunction<ServerResponse> of(RunIdDashboard dashboard) {
		// one nest: other requests of the application pay a single path check
		return RouterFunctions.route()
			.path(dashboard.path(),
					(routes) -> routes.GET("", (request) -> page(dashboard))
						.GET("/", (request) -> page(dashboard))
						.GET("/runs/{id}", (request) -> page(dashboard))
						.GET("/" + RunIdDashboard.STYLESHEET, (request) -> file(CSS, dashboard.stylesheet()))
						.GET("/" + RunIdDashboard.SCRIPT, (request) -> file(JAVASCRIPT, dashboard.script()))
						.GET("/api/runs",
								(request) -> json(() -> dashboard.runs(param(request, "status"),
										param(request, "limit"), param(request, "cursor"), param(request, "q"))))
						.GET("/api/runs/{id}", (request) -> json(() -> dashboard.run(request.pathVariable("id")))))
			.build();
	}

	private static Mono<ServerResponse> page(RunIdDashboard dashboard) {
		return ServerResponse.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", RunIdDashboard.CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.bodyValue(dashboard.page());
	}

	private static Mono<ServerResponse> file(MediaType type, String content) {
		return ServerResponse.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			.header("X-Content-Type-Options", "nosniff")
			.bodyValue(content);
	}

	private static Mono<ServerResponse> json(Supplier<Answer> lookup) {
		return Mono.fromSupplier(lookup)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((answer) -> ServerResponse.status(answer.status())
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.noStore())
				.header("X-Content-Type-Options", "nosniff")
				.bodyValue(answer.json()));
	}

	private static @Nullable String param(ServerRequest request, String name) {
		return request.queryParam(name).orElse(null);
	}

}

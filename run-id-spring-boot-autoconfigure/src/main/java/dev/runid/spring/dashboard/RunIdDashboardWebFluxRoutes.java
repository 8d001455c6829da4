package dev.runid.spring.dashboard;

import java.util.function.Supplier;

import dev.runid.spring.dashboard.RunIdDashboard.Answer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
						.GET("/" + RunIdDashboard.STYLESHEET, (request) -> stylesheet(dashboard))
						.GET("/" + RunIdDashboard.SCRIPT, (request) -> script(dashboard))
						.GET("/api/runs",
								(request) -> json(() -> dashboard.runs(param(request, "status"),
										param(request, "limit"), param(request, "cursor"), param(request, "q"))))
						.GET("/api/runs/{id}", (request) -> json(() -> dashboard.run(request.pathVariable("id")))))
			.build();
	}

	private static Mono<ServerResponse> page(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::page).bodyValue(dashboard.page());
	}

	private static Mono<ServerResponse> stylesheet(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::stylesheet).bodyValue(dashboard.stylesheet());
	}

	private static Mono<ServerResponse> script(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::script).bodyValue(dashboard.script());
	}

	private static Mono<ServerResponse> json(Supplier<Answer> lookup) {
		return Mono.fromSupplier(lookup)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((answer) -> ServerResponse.status(answer.status())
				.headers(RunIdDashboardResponses::json)
				.bodyValue(answer.json()));
	}

	private static @Nullable String param(ServerRequest request, String name) {
		return request.queryParam(name).orElse(null);
	}

}

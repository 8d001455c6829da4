package dev.runid.spring.dashboard;

import dev.runid.spring.dashboard.RunIdDashboard.Answer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves a {@link RunIdDashboard} on Spring MVC as functional routes, so that the
 * application's filters (Spring Security among them) apply to them as to its own
 * handlers.
 */
public final class RunIdDashboardMvcRoutes {

	private RunIdDashboardMvcRoutes() {
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
								(request) -> json(dashboard.runs(param(request, "status"), param(request, "limit"),
										param(request, "cursor"), param(request, "q"))))
						.GET("/api/runs/{id}", (request) -> json(dashboard.run(request.pathVariable("id")))))
			.build();
	}

	private static ServerResponse page(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::page).body(dashboard.page());
	}

	private static ServerResponse stylesheet(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::stylesheet).body(dashboard.stylesheet());
	}

	private static ServerResponse script(RunIdDashboard dashboard) {
		return ServerResponse.ok().headers(RunIdDashboardResponses::script).body(dashboard.script());
	}

	private static ServerResponse json(Answer answer) {
		return ServerResponse.status(answer.status()).headers(RunIdDashboardResponses::json).body(answer.json());
	}

	private static @Nullable String param(ServerRequest request, String name) {
		return request.param(name).orElse(null);
	}

}

package dev.runid.it.cloud;

import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * The run through Spring Cloud Gateway server WebMVC. (Server WebFlux is on this module's
 * class path too: switched off, and its check that refuses Spring MVC excluded.)
 */
@SpringBootTest(classes = GatewayServerWebMvcTests.GatewayApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "run-id.outbound.allowed-hosts=127.0.0.1",
				"spring.cloud.gateway.server.webflux.enabled=false",
				"spring.autoconfigure.exclude=org.springframework.cloud.gateway.config.GatewayClassPathWarningAutoConfiguration" })
class GatewayServerWebMvcTests extends GatewayRoutingTests {

	static final Downstream downstream = Downstream.start();

	@AfterAll
	static void stop() {
		downstream.close();
	}

	@Override
	Downstream downstream() {
		return downstream;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApplication {

		@Bean
		RouterFunction<ServerResponse> allowedRoute() {
			return route("allowed").GET("/svc/**", http()).before(uri(downstream.url("127.0.0.1"))).build();
		}

		@Bean
		RouterFunction<ServerResponse> otherRoute() {
			return route("other").GET("/other/**", http()).before(uri(downstream.url("localhost"))).build();
		}

	}

}

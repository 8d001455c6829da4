package dev.runid.it.cloud;

import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * The run through Spring Cloud Gateway server WebFlux.
 */
@SpringBootTest(classes = GatewayServerWebFluxTests.GatewayApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.outbound.allowed-hosts=127.0.0.1" })
class GatewayServerWebFluxTests extends GatewayRoutingTests {

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
		RouteLocator routes(RouteLocatorBuilder routes) {
			return routes.routes()
				.route("allowed", (route) -> route.path("/svc/**").uri(downstream.url("127.0.0.1")))
				.route("other", (route) -> route.path("/other/**").uri(downstream.url("localhost")))
				.build();
		}

	}

}

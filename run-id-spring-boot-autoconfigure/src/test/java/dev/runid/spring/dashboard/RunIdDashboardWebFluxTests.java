package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard over real HTTP on Spring WebFlux (embedded Netty).
 */
@SpringBootTest(classes = { DashboardWebFluxApplication.class, TestRunStore.Configuration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.dashboard.enabled=true",
				"run-id.registry.enabled=false", "management.endpoints.web.exposure.include=runs" })
class RunIdDashboardWebFluxTests extends RunIdDashboardHttpTests {

}

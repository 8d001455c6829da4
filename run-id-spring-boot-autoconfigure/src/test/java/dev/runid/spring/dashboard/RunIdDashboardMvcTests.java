package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard over real HTTP on Spring MVC (embedded Tomcat).
 */
@SpringBootTest(classes = { DashboardMvcApplication.class, TestRunStore.Configuration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "run-id.dashboard.enabled=true",
				"run-id.registry.enabled=false", "management.endpoints.web.exposure.include=runs" })
class RunIdDashboardMvcTests extends RunIdDashboardHttpTests {

}

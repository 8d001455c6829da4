package dev.runid.spring.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The dashboard in a Spring MVC application that secures everything.
 */
@SpringBootTest(
		classes = { DashboardMvcApplication.class, TestRunStore.Configuration.class, DashboardSecurity.Servlet.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "run-id.dashboard.enabled=true", "run-id.registry.enabled=false" })
class RunIdDashboardSecurityMvcTests extends RunIdDashboardSecurityTests {

}

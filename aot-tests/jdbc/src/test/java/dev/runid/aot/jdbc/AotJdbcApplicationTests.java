package dev.runid.aot.jdbc;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.runid.aot.AotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with the JDBC store of the run registry on an H2 database in a file,
 * processed ahead of time by the build, started in AOT mode as its own process: the
 * starter finds its schema script, creates the tables, writes the runs of real requests
 * and answers the {@code runs} endpoint from the database.
 */
class AotJdbcApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static String databaseUrl;

	private static AotApplication application;

	@BeforeAll
	static void start() throws IOException {
		Path directory = Path.of(System.getProperty(AotApplication.CLASSES_PROPERTY))
			.resolveSibling("aot-jdbc-database");
		// a new database at every run: the tables are the ones this start created
		FileSystemUtils.deleteRecursively(directory);
		Files.createDirectories(directory);
		// AUTO_SERVER: the test reads the tables while the application holds the file
		databaseUrl = "jdbc:h2:file:" + directory.resolve("runs").toAbsolutePath() + ";AUTO_SERVER=TRUE";
		application = AotApplication.start(AotJdbcApplication.class, "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=sa", "--spring.datasource.password=");
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void startsFromTheCodeThatAotProcessingGenerated() {
		assertThat(application.output()).contains("Starting AOT-processed AotJdbcApplication");
	}

	@Test
	void createsTheTablesFromTheSchemaScriptInTheJar() throws SQLException {
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				ResultSet tables = connection.createStatement()
					.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES "
							+ "WHERE LOWER(TABLE_NAME) LIKE 'run_id_%' ORDER BY 1")) {
			List<String> names = new java.util.ArrayList<>();
			while (tables.next()) {
				names.add(tables.getString(1));
			}
			assertThat(names).containsExactly("run_id_run", "run_id_segment");
		}
	}

	@Test
	void runsEndpointAnswersWithTheRunThatTheDatabaseHolds() throws Exception {
		HttpResponse<String> response = get("/orders/4711", "aot-jdbc-order");
		assertThat(response.statusCode()).isEqualTo(200);
		String child = response.body().substring("aot-jdbc-order child=".length());
		assertThat(child).isNotBlank().isNotEqualTo("aot-jdbc-order");
		DocumentContext run = await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> answer = get("/actuator/runs/aot-jdbc-order", null);
			return (answer.statusCode() == 200) ? JsonPath.parse(answer.body()) : null;
		}, (document) -> document != null && "SUCCEEDED".equals(document.read("$.status"))
				&& !document.<List<?>>read("$.children").isEmpty());
		assertThat(run.<String>read("$.id")).isEqualTo("aot-jdbc-order");
		assertThat(run.<Object>read("$.parentId")).isNull();
		assertThat(run.<String>read("$.startedAt")).isNotNull();
		assertThat(run.<String>read("$.endedAt")).isNotNull();
		assertThat(run.<List<Map<String, Object>>>read("$.segments")).singleElement().satisfies((segment) -> {
			assertThat(segment).containsEntry("service", "aot-jdbc")
				.containsEntry("kind", "http")
				.containsEntry("name", "GET /orders/{id}")
				.containsEntry("status", "SUCCEEDED")
				.containsEntry("httpStatus", 200)
				.containsEntry("error", null);
			assertThat((String) segment.get("instance")).isNotBlank();
		});
		assertThat(run.<Map<String, Object>>read("$.attributes")).containsEntry("order", "4711");
		assertThat(run.<List<Map<String, Object>>>read("$.children")).singleElement()
			.satisfies((entry) -> assertThat(entry).containsEntry("id", child).containsEntry("status", "SUCCEEDED"));

		String childRun = get("/actuator/runs/" + child, null).body();
		assertThat(JsonPath.<String>read(childRun, "$.parentId")).isEqualTo("aot-jdbc-order");
		assertThat(JsonPath.<List<String>>read(childRun, "$.segments[*].name")).containsExactly("OrderChecks.check");
		assertThat(JsonPath.<List<String>>read(childRun, "$.segments[*].kind")).containsExactly("method");

		String page = get("/actuator/runs?limit=10", null).body();
		assertThat(JsonPath.<List<String>>read(page, "$.runs[*].id")).contains("aot-jdbc-order", child);
		assertThat(JsonPath.<List<String>>read(page, "$.runs[?(@.id == 'aot-jdbc-order')].name"))
			.containsExactly("GET /orders/{id}");

		assertThat(rowsOf("run_id_run", "aot-jdbc-order")).isOne();
		assertThat(rowsOf("run_id_segment", "aot-jdbc-order")).isOne();
		assertThat(get("/actuator/runs/aot-jdbc-unknown", null).statusCode()).isEqualTo(404);
	}

	private static int rowsOf(String table, String runId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				PreparedStatement query = connection
					.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE run_id = ?")) {
			query.setString(1, runId);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private static HttpResponse<String> get(String path, String runId) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(path)).timeout(Duration.ofSeconds(30));
		if (runId != null) {
			request.header("X-Run-Id", runId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

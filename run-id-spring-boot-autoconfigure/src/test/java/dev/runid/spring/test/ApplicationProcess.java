package dev.runid.spring.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application started in a JVM of its own, on the test's class path, as one
 * instance of a service would run: run-id's recording is per process, so instances that
 * share a JVM would see each other's runs. Stopped with SIGTERM, so that it shuts down
 * gracefully.
 */
public final class ApplicationProcess implements AutoCloseable {

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private final Process process;

	private final int port;

	private final Path log;

	private ApplicationProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start an application on a free port of 127.0.0.1 with the JDBC run store on the
	 * given database, and wait until its health endpoint answers.
	 * @param application the class whose {@code main} starts it
	 * @param name its {@code spring.application.name}
	 * @param jdbcUrl its database
	 * @param properties more properties, {@code key=value}
	 * @return the running application
	 */
	public static ApplicationProcess start(Class<?> application, String name, String jdbcUrl, String... properties) {
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), application.getName(),
						"--spring.application.name=" + name, "--server.port=" + port, "--server.address=127.0.0.1",
						"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.hikari.connection-timeout=30000",
						"--run-id.registry.store=jdbc", "--run-id.registry.jdbc.initialize-schema=always",
						"--management.endpoints.web.exposure.include=health,runs,metrics",
						"--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.opentelemetry."
								+ "autoconfigure.OpenTelemetryTracingAutoConfiguration"));
		// one connection per request, as the root pom's surefire settings set for the
		// tests' JVM (reactor/reactor-netty#4361)
		String keepAlive = System.getProperty("server.netty.max-keep-alive-requests");
		if (keepAlive != null) {
			command.add("--server.netty.max-keep-alive-requests=" + keepAlive);
		}
		for (String property : properties) {
			command.add("--" + property);
		}
		try {
			Path log = Files.createTempFile("run-id-" + name + "-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ApplicationProcess started = new ApplicationProcess(process, port, log);
			started.awaitReady();
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady() {
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("exited");
					}
					return Http.get(this.port, "/actuator/health").statusCode() == 200;
				});
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException("The application did not start; its log:\n" + tail(), ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The value of a meter, from the actuator's metrics endpoint.
	 * @param name the meter
	 * @return its value
	 */
	public double meter(String name) {
		HttpResponse<String> response = Http.get(this.port, "/actuator/metrics/" + name);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No meter " + name + ": " + response.statusCode());
		}
		Matcher value = VALUE.matcher(response.body());
		if (!value.find()) {
			throw new IllegalStateException("No value in " + response.body());
		}
		return Double.parseDouble(value.group(1));
	}

	public String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the application as a service manager would (SIGTERM) and wait for it to exit.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		File file = this.log.toFile();
		file.deleteOnExit();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

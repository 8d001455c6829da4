package dev.runid.benchmarks;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Minting a run ID with the default UUIDv7 generator and with the UUIDv4 generator,
 * against {@link UUID#randomUUID()} alone and with its {@code toString()} (a run ID is a
 * validated string, so the fair floor is the string).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RunIdGenerateBenchmark {

	private static final RunIdGenerator UUID4 = RunIdGenerator.uuid4();

	@Benchmark
	public RunId runIdGenerateV7() {
		return RunId.generate();
	}

	@Benchmark
	public RunId runIdGenerateV4() {
		return RunId.generate(UUID4, null);
	}

	@Benchmark
	public UUID uuidRandomUuid() {
		return UUID.randomUUID();
	}

	@Benchmark
	public String uuidRandomUuidToString() {
		return UUID.randomUUID().toString();
	}

}

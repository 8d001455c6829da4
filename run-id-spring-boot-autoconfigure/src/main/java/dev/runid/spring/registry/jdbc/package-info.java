/**
 * The JDBC run store: runs of every instance in one shared database, written in the
 * background in batches and read with {@code JdbcClient}.
 */
@NullMarked
package dev.runid.spring.registry.jdbc;

import org.jspecify.annotations.NullMarked;

/**
 * Reading and validating the run ID of inbound HTTP requests, shared by the servlet and
 * reactive stacks.
 */
@NullMarked
package dev.runid.spring.web;

import org.jspecify.annotations.NullMarked;

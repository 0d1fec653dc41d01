package io.loramanager.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.AutoOrganizer;
import io.loramanager.library.lifecycle.OrganizeProgress;
import io.loramanager.library.lifecycle.OrganizeReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Auto-organize (anchor-api §3.2 rows 13 to 15): moves models into their template folders. The
 * request blocks until the run ends; progress goes out as {@code auto_organize_progress} frames.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class AutoOrganizeResource {

  @Inject AutoOrganizer organizer;
  @Inject OrganizeProgress progress;
  @Inject ObjectMapper mapper;

  @GET
  @Path("{type}/auto-organize")
  public Map<String, Object> organizeAll(@PathParam("type") String type) {
    ModelType modelType = ModelType.fromPrefix(type);
    return body(organizer.organize(modelType, null, null));
  }

  /** Body (optional): {@code {file_paths?: [..], exclusion_patterns?: [..] | "a, b"}}. */
  @POST
  @Path("{type}/auto-organize")
  @Consumes(MediaType.WILDCARD)
  public Map<String, Object> organize(@PathParam("type") String type, String text) {
    ModelType modelType = ModelType.fromPrefix(type);
    JsonNode body = parse(text);
    if (body != null && !body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    List<String> filePaths = body == null ? null : optionalTexts(body, "file_paths", false);
    List<String> patterns = body == null ? null : optionalTexts(body, "exclusion_patterns", true);
    return body(organizer.organize(modelType, filePaths, patterns));
  }

  @GET
  @Path("{type}/auto-organize-progress")
  public Map<String, Object> progress(@PathParam("type") String type) {
    ModelType.fromPrefix(type);
    return progress
        .last()
        .map(frame -> Responses.success("progress", frame))
        .orElseThrow(() -> LmException.notFound("No auto-organize operation in progress"));
  }

  /** The body as JSON, or null when there is none (any content type: clients send both). */
  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode json = mapper.readTree(text);
      return json.isNull() ? null : json;
    } catch (JsonProcessingException e) {
      throw LmException.badInput("Invalid JSON body");
    }
  }

  /** A list of strings, or null when absent; a single string is accepted where {@code text}. */
  private static List<String> optionalTexts(JsonNode body, String field, boolean text) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (text && value.isTextual()) {
      return List.of(value.asText());
    }
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          out = null;
          break;
        }
        out.add(item.asText());
      }
    }
    if (!value.isArray() || out == null) {
      throw LmException.badInput(field + " must be a list of strings");
    }
    return out;
  }

  private static Map<String, Object> body(OrganizeReport report) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("total", report.total());
    summary.put("success", report.moved());
    summary.put("skipped", report.skipped());
    summary.put("failures", report.failures());
    summary.put("organization_type", report.flat() ? "flat" : "structured");
    summary.put("cleaned_dirs", report.cleanedDirs());
    summary.put("operation_type", report.operationType());
    List<Map<String, Object>> results =
        report.results().stream()
            .map(
                r -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("model", r.model());
                  item.put("success", r.success());
                  item.put("message", r.message());
                  return item;
                })
            .toList();
    Map<String, Object> body =
        Responses.success(
            "status",
            report.cancelled() ? "cancelled" : "success",
            "message",
            report.message(),
            "summary",
            summary);
    if (report.truncated()) {
      body.put("results_truncated", true);
      body.put("sample_results", results);
    } else {
      body.put("results", results);
    }
    return body;
  }
}

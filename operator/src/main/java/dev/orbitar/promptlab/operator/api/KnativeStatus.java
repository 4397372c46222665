package dev.orbitar.promptlab.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * What the operator observed of a Knative schedule's Serving Service and Eventing PingSource.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KnativeStatus {

  private String serviceName;

  @JsonPropertyDescription("URL the Service answers on, as Knative Serving reports it.")
  private String url;

  @JsonPropertyDescription("Status of the Service's Ready condition: True, False or Unknown.")
  private String serviceReady;

  @JsonPropertyDescription("Name of the PingSource; absent while the schedule is suspended.")
  private String pingSourceName;

  @JsonPropertyDescription("Status of the PingSource's Ready condition: True, False or Unknown.")
  private String pingSourceReady;

  public String getServiceName() {
    return serviceName;
  }

  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getServiceReady() {
    return serviceReady;
  }

  public void setServiceReady(String serviceReady) {
    this.serviceReady = serviceReady;
  }

  public String getPingSourceName() {
    return pingSourceName;
  }

  public void setPingSourceName(String pingSourceName) {
    this.pingSourceName = pingSourceName;
  }

  public String getPingSourceReady() {
    return pingSourceReady;
  }

  public void setPingSourceReady(String pingSourceReady) {
    this.pingSourceReady = pingSourceReady;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof KnativeStatus status)) {
      return false;
    }
    return Objects.equals(serviceName, status.serviceName)
        && Objects.equals(url, status.url)
        && Objects.equals(serviceReady, status.serviceReady)
        && Objects.equals(pingSourceName, status.pingSourceName)
        && Objects.equals(pingSourceReady, status.pingSourceReady);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serviceName, url, serviceReady, pingSourceName, pingSourceReady);
  }
}

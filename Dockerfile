# StreamRead services for docker compose.
#
# The image carries the self-contained build made on the host by `./streamread publish`
# (the .NET runtime is inside it), on a plain Debian base with the system librdkafka.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends librdkafka1 ca-certificates libicu72 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 streamread
COPY artifacts/publish/ /app/
USER streamread
WORKDIR /app
ENTRYPOINT ["/app/streamread"]
CMD ["--help"]

# Revloop: build the release binary on the official Swift image, run it on slim Debian as a non-root user.
# docker build -t revloop . && docker run --rm -v "$PWD/.revloop:/home/revloop/project/.revloop" revloop plan

FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libssl-dev libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest names every target's folder (tests included), so all of them are copied before building.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product revloop --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/revloop" /usr/local/bin/revloop

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 libssl3 libsqlite3-0 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/revloop --uid 10001 revloop
COPY --from=build /usr/local/bin/revloop /usr/local/bin/revloop
WORKDIR /home/revloop/project
COPY --chown=revloop:revloop revloop.yaml ./
COPY --chown=revloop:revloop connectors ./connectors
COPY --chown=revloop:revloop mappings ./mappings
COPY --chown=revloop:revloop fx ./fx
COPY --chown=revloop:revloop personalization ./personalization
COPY --chown=revloop:revloop examples ./examples
# The ad platforms' emulators and a project pointed at them: `revloop sandbox &` then
# `revloop sync -c revloop.sandbox.yaml` inside the container, with no account anywhere.
COPY --chown=revloop:revloop revloop.sandbox.yaml ./
COPY --chown=revloop:revloop sandbox ./sandbox
USER revloop
# The decision API: docker run -p 8480:8480 -e REVLOOP_API_KEYS=... revloop serve --host 0.0.0.0
EXPOSE 8480
ENTRYPOINT ["revloop"]
CMD ["--help"]

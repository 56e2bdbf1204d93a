# A small image of the bot: dependencies built in one stage, a slim non-root runtime in the next.
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml README.md constraints.txt ./
COPY bot ./bot
# The locked versions (constraints.txt), the build backend's included.
RUN PIP_CONSTRAINT=constraints.txt pip install .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////app/data/bot.sqlite3 \
    HEALTH_PORT=8080 HEALTH_LISTEN=0.0.0.0
RUN useradd --create-home --uid 10001 bot && mkdir -p /app/data /app/config && chown -R bot /app
COPY --from=build /opt/venv /opt/venv
COPY config/bot.env /app/config/bot.env
WORKDIR /app
USER bot
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request, os; urllib.request.urlopen('http://127.0.0.1:' + os.environ['HEALTH_PORT'] + '/healthz', timeout=4)"
ENTRYPOINT ["python", "-m", "bot"]

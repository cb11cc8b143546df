FROM python:3.12-slim
MAINTAINER dev@example.com
ADD requirements.txt /app/
ADD https://example.com/tool.sh /usr/local/bin/tool.sh
WORKDIR app
RUN pip install -r requirements.txt && pip install gunicorn
RUN curl -fsSL https://example.com/install.sh | bash
COPY id_rsa /root/.ssh/id_rsa
USER root
CMD gunicorn app:app
CMD ["gunicorn", "app:app"]

# fx_nginx DIR LOG: starts nginx (as this user, on what DIR/nginx/servers.conf listens on)
# with DIR/nginx/nginx.conf: one worker, its pid and temporary files under DIR/nginx, its
# errors in DIR/log/nginx.err, no access log, and the http-level lines of servers.conf
# (server blocks, ssl_ settings) included. Its own output goes to LOG. Shared by the TLS
# (tests/tls/fixtures.sh) and DNS (tests/dns/fixtures.sh) fixtures.
# shellcheck shell=sh

fx_nginx() {
	mkdir -p "$1/nginx" "$1/log" || return 1
	cat >"$1/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $1/nginx/nginx.pid;
error_log $1/log/nginx.err;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $1/nginx/body;
	proxy_temp_path $1/nginx/proxy;
	fastcgi_temp_path $1/nginx/fastcgi;
	uwsgi_temp_path $1/nginx/uwsgi;
	scgi_temp_path $1/nginx/scgi;
	include $1/nginx/servers.conf;
}
CONF
	nginx -e "$1/log/nginx.err" -p "$1/nginx" -c "$1/nginx/nginx.conf" >"$2" 2>&1
}

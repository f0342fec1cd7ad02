#include "support/raw_http.h"

#include <Poco/Net/SocketAddress.h>

namespace zhixing::testing {

namespace {

Poco::Net::SocketAddress local(int port) {
  return Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port));
}

}  // namespace

std::string raw_exchange(int port, const std::string& bytes, std::chrono::seconds wait) {
  Poco::Net::StreamSocket socket(local(port));
  socket.setReceiveTimeout(Poco::Timespan(static_cast<long>(wait.count()), 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string answer;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, n);
  } catch (const Poco::Exception&) {
  }
  return answer;
}

int send_chunked(int port, const std::string& path, long long total, const std::string& cookie,
                 const std::string& csrf) {
  Poco::Net::StreamSocket socket(local(port));
  socket.setReceiveTimeout(Poco::Timespan(20, 0));
  socket.setSendTimeout(Poco::Timespan(20, 0));
  std::string head = "POST " + path +
                     " HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Transfer-Encoding: chunked\r\n";
  if (!cookie.empty()) head += "Cookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n";
  head += "\r\n";
  // 0x10000 bytes per chunk
  const std::string chunk = "10000\r\nname=" + std::string(65536 - 5, 'a') + "\r\n";
  auto send_all = [&](const std::string& data) {
    for (size_t at = 0; at < data.size();)
      at += static_cast<size_t>(
          socket.sendBytes(data.data() + at, static_cast<int>(data.size() - at)));
  };
  try {
    send_all(head);
    bool answered = false;
    for (long long sent = 0; sent < total && !answered; sent += 65536) {
      send_all(chunk);
      answered = socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ);
    }
    if (!answered) send_all("0\r\n\r\n");
  } catch (const Poco::Exception&) {
  }
  char buffer[64] = {};
  int n = 0;
  try {
    n = socket.receiveBytes(buffer, sizeof buffer - 1);
  } catch (const Poco::Exception&) {
    return 0;
  }
  std::string line(buffer, n > 0 ? static_cast<size_t>(n) : 0);
  return line.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(line.substr(9, 3)) : 0;
}

std::unique_ptr<Poco::Net::StreamSocket> half_sent(int port, const std::string& partial) {
  auto socket = std::make_unique<Poco::Net::StreamSocket>(local(port));
  socket->sendBytes(partial.data(), static_cast<int>(partial.size()));
  return socket;
}

bool closed_by_server(Poco::Net::StreamSocket& socket, std::chrono::seconds wait) {
  socket.setReceiveTimeout(Poco::Timespan(static_cast<long>(wait.count()), 0));
  char buffer[512];
  try {
    for (;;)
      if (socket.receiveBytes(buffer, sizeof buffer) <= 0) return true;
  } catch (const Poco::TimeoutException&) {
    return false;
  } catch (const Poco::Exception&) {
    return true;  // reset
  }
}

}  // namespace zhixing::testing

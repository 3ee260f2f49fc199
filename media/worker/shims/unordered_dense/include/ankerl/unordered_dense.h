// ankerl::unordered_dense is not packaged in Debian 12. mediasoup only uses its map, set and
// hash, which behave as the standard containers for the worker's purposes (speed aside).
#pragma once
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace ankerl::unordered_dense {
template <class T> using hash = std::hash<T>;
template <class Key, class T, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using map = std::unordered_map<Key, T, Hash, KeyEqual>;
template <class Key, class Hash = std::hash<Key>, class KeyEqual = std::equal_to<Key>>
using set = std::unordered_set<Key, Hash, KeyEqual>;
} // namespace ankerl::unordered_dense

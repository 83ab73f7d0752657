#include <iostream>
int main() { std::cout << "sovang\n"; return 0; }
